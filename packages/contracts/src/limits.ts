/** Transport limits shared by the server (enforced) and the client (respected). */
export const MAX_BATCH_SIZE = 10;
export const MAX_BODY_BYTES = 256 * 1024;
