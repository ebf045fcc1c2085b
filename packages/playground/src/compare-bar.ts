import type { CompareSides } from './protocol.js';

/**
 * The bar above the compare view: a picker per side, filled with the file's
 * networks, and a button back to the network view. Names go in as option
 * text, never as markup.
 */
export class CompareBar {
    private readonly pickA: HTMLSelectElement;
    private readonly pickB: HTMLSelectElement;

    constructor(
        private readonly bar: HTMLElement,
        onPick: (sides: CompareSides) => void,
        onClose: () => void
    ) {
        this.pickA = bar.querySelector<HTMLSelectElement>('#compare-a')!;
        this.pickB = bar.querySelector<HTMLSelectElement>('#compare-b')!;
        const picked = () => onPick({ a: this.pickA.value, b: this.pickB.value });
        this.pickA.addEventListener('change', picked);
        this.pickB.addEventListener('change', picked);
        bar.querySelector('#compare-close')!.addEventListener('click', onClose);
    }

    show(networks: readonly string[], sides: Required<CompareSides>): void {
        for (const [pick, chosen] of [
            [this.pickA, sides.a],
            [this.pickB, sides.b]
        ] as const) {
            pick.replaceChildren(...networks.map(name => new Option(name, name)));
            pick.value = chosen;
        }
        this.bar.hidden = false;
    }

    hide(): void {
        this.bar.hidden = true;
    }
}
