/**
 * The one error type of @promptops/sketch. Every way a caller can hand the sketch something it cannot
 * use (bytes that are not a HyperLogLog, a precision out of range, merging sketches of different
 * precisions) throws this, with a closed `reason` so callers can branch without parsing messages.
 */

export type SketchFormatReason =
  | 'truncated'
  | 'bad_magic'
  | 'bad_encoding'
  | 'bad_precision'
  | 'bad_length'
  | 'bad_register'
  | 'bad_sparse'
  | 'precision_mismatch';

export class SketchFormatError extends Error {
  readonly reason: SketchFormatReason;

  constructor(reason: SketchFormatReason, message: string) {
    super(message);
    this.name = 'SketchFormatError';
    this.reason = reason;
  }
}
