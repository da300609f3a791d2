/** Protobuf wire-format primitives (varint, length-delimited, fixed32/64) for the tf.train.Example codec. */
export const WIRE = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

export class ProtoReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  done(): boolean {
    return this.pos >= this.buf.length;
  }

  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = Number(key >> 3n);
    if (field === 0) throw new Error(`field number 0 at byte ${this.pos}`);
    return { field, wire: Number(key & 7n) };
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.buf.length) throw new Error(`varint runs past the end at byte ${this.pos}`);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new Error(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (this.pos + n > this.buf.length) {
      throw new Error(`length-delimited field of ${n} bytes runs past the end (${this.buf.length - this.pos} left)`);
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  float32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  skip(wire: number): void {
    if (wire === WIRE.VARINT) this.varint();
    else if (wire === WIRE.LEN) this.bytes();
    else if (wire === WIRE.I64) this.advance(8);
    else if (wire === WIRE.I32) this.advance(4);
    else throw new Error(`unsupported wire type ${wire} at byte ${this.pos}`);
  }

  private advance(n: number): void {
    this.need(n);
    this.pos += n;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error(`fixed-width field runs past the end at byte ${this.pos}`);
  }
}

export class ProtoWriter {
  private parts: Uint8Array[] = [];
  private length = 0;

  varint(v: bigint | number): void {
    let x = BigInt(v);
    const bytes: number[] = [];
    do {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      bytes.push(x > 0n ? b | 0x80 : b);
    } while (x > 0n);
    this.push(Uint8Array.from(bytes));
  }

  float32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.push(b);
  }

  lenField(field: number, data: Uint8Array): void {
    this.varint((field << 3) | WIRE.LEN);
    this.varint(data.length);
    this.push(data);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let off = 0;
    for (const p of this.parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.length += b.length;
  }
}
