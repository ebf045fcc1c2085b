/** A command line that cannot be run as given: reported as one line, exit 2. */
export class UsageError extends Error {}
