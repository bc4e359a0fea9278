// Type declarations of the pure-JavaScript codec packages that ship none (only what is used here).

declare module 'lz4js' {
  /** Decompresses one LZ4 block of src[sIndex, sIndex + sLength) into dst from dIndex; returns the end index in dst. */
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
  /** Compresses src[sIndex, sIndex + sLength) into dst from 0; returns the compressed size (0: not compressible). */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
}

declare module 'lz4js/xxh32' {
  export function hash(seed: number, src: Uint8Array, index: number, length: number): number;
}

declare module 'snappyjs' {
  export function uncompress(data: Buffer, maxLength?: number): Buffer;
  export function compress(data: Buffer): Buffer;
}
