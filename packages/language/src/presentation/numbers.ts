/** en-US thousands separators, as the spec's hints show them: 165,984. */
export function formatCount(n: number): string {
    return Number.isNaN(n) ? 'too large' : n.toLocaleString('en-US');
}

/** Bytes for float32 values, in the unit a person reads at a glance. */
export function formatBytes(values: number): string {
    const bytes = values * 4;
    if (Number.isNaN(bytes)) return 'too large';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return `${unit === 0 ? value : value.toFixed(2)} ${units[unit]}`;
}
