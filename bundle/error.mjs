/** A problem with the bundle or its sources: the build stops with its message alone. */
export class BundleError extends Error {}
