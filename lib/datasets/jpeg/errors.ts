/** Every failure to decode (corrupt, truncated or unsupported input) is a JpegDecodeError with a message naming the cause. */
export class JpegDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JpegDecodeError";
  }
}
