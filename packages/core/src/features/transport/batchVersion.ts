/** The wire version this page encodes; a server announces the newest it decodes. */
export const BATCH_FORMAT_VERSION = 2
