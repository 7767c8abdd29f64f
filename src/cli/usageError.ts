/** A command-line usage problem: exit 2 with one line. */
export class UsageError extends Error {}
