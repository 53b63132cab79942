/** A refused operation (unknown channel, call not up…); faces turn it into their error answer. */
export class PbxError extends Error {}
