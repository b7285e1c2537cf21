/** Types for the parts of seek-bzip 2.0.0 (CommonJS, untyped) that bz2.ts uses. */
declare module 'seek-bzip' {
  /** An output sink seek-bzip writes decoded bytes into one at a time. */
  interface ByteSink {
    writeByte(byte: number): void;
  }
  /** The Bunzip object seek-bzip exports. */
  interface Bunzip {
    decode(input: Uint8Array, output?: number | ByteSink, multistream?: boolean): Uint8Array | undefined;
  }
  const bunzip: Bunzip;
  export default bunzip;
}
