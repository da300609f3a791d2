/**
 * A pickle reader that never executes code: an interpreter for the opcodes that numpy's object arrays use (Python 2
 * and 3, protocols 0–3 as np.save writes them), where GLOBAL may name only numpy's array-reconstruction functions and
 * Python 3's `_codecs.encode` (how protocol 2 spells bytes). Every other opcode or global is an error that names it;
 * nothing is ever looked up or called by name. Python 2 `str` values decode as latin1, as np.load(encoding="latin1").
 */

export class UnsafePickleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafePickleError";
  }
}

/** The numpy reconstruction globals a pickled ndarray refers to (numpy ≥ 2 moved core to _core). */
const ALLOWED_GLOBALS = new Set([
  "numpy.core.multiarray._reconstruct",
  "numpy._core.multiarray._reconstruct",
  "numpy.ndarray",
  "numpy.dtype",
  "_codecs.encode",
]);

export type PickledDtype = { kind: "dtype"; descr: string; byteorder: string | null };
/** A reconstructed ndarray: object arrays keep their elements as a list, others their raw bytes. */
export type PickledArray = { kind: "ndarray"; shape: number[]; dtype: PickledDtype; fortran: boolean; data: unknown[] | Uint8Array };
type Global = { kind: "global"; name: string };
type PendingArray = { kind: "pending-ndarray" };
type Mark = { kind: "mark" };
export type PickleValue =
  null | boolean | number | bigint | string | Uint8Array | PickleValue[] | PickledArray | PickledDtype | Global | PendingArray;

const MARK: Mark = { kind: "mark" };
const isObj = (v: unknown, kind: string): boolean =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && (v as { kind?: string }).kind === kind;

/** Tuples are frozen arrays, lists plain ones: APPEND on a tuple is a malformed pickle. */
const tuple = (items: PickleValue[]): PickleValue[] => Object.freeze(items) as PickleValue[];

const OPCODE_NAMES: Record<number, string> = {
  0x63: "GLOBAL",
  0x52: "REDUCE",
  0x62: "BUILD",
  0x69: "INST",
  0x6f: "OBJ",
  0x81: "NEWOBJ",
  0x92: "NEWOBJ_EX",
  0x93: "STACK_GLOBAL",
  0x50: "PERSID",
  0x51: "BINPERSID",
  0x82: "EXT1",
  0x83: "EXT2",
  0x84: "EXT4",
};

export function readPickle(bytes: Uint8Array, opts: { maxOps?: number } = {}): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = new TextDecoder("latin1");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const stack: (PickleValue | Mark)[] = [];
  const memo = new Map<number, PickleValue>();
  const maxOps = opts.maxOps ?? 50_000_000;
  let pos = 0;
  let ops = 0;

  const need = (n: number) => {
    if (pos + n > bytes.length) throw new UnsafePickleError(`truncated pickle: needs ${n} more byte(s) at offset ${pos}`);
  };
  const take = (n: number) => {
    need(n);
    const out = bytes.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  const u8 = () => (need(1), bytes[pos++]);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new UnsafePickleError(`unterminated text argument at offset ${pos}`);
    const s = latin1.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new UnsafePickleError(`malformed pickle: stack underflow at offset ${pos - 1}`);
    return v as PickleValue;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new UnsafePickleError(`malformed pickle: empty stack at offset ${pos - 1}`);
    return v as PickleValue;
  };
  const popMark = (): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new UnsafePickleError(`malformed pickle: no MARK before offset ${pos - 1}`);
    const items = stack.splice(at) as PickleValue[];
    return items.slice(1);
  };
  const list = (v: PickleValue): PickleValue[] => {
    if (!Array.isArray(v) || Object.isFrozen(v)) throw new UnsafePickleError(`malformed pickle: APPEND to a non-list at offset ${pos - 1}`);
    return v;
  };
  const get = (k: number) => {
    if (!memo.has(k)) throw new UnsafePickleError(`malformed pickle: memo ${k} read before it was written`);
    return memo.get(k)!;
  };

  for (;;) {
    if (++ops > maxOps) throw new UnsafePickleError(`pickle has more than ${maxOps} opcodes`);
    const at = pos;
    const op = u8();
    switch (op) {
      case 0x80: {
        // PROTO
        const v = u8();
        if (v > 3) throw new UnsafePickleError(`pickle protocol ${v} is not supported (allowed: 0–3, as np.save writes them)`);
        break;
      }
      case 0x2e: // STOP
        if (stack.length !== 1) throw new UnsafePickleError(`malformed pickle: ${stack.length} values on the stack at STOP`);
        return pop();
      case 0x28:
        stack.push(MARK);
        break; // MARK
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x4a:
        stack.push(i32());
        break; // BININT
      case 0x8a:
        stack.push(readLong(take(u8())));
        break; // LONG1
      case 0x47: {
        // BINFLOAT (big-endian)
        need(8);
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      }
      case 0x49:
        stack.push(parseIntLine(line()));
        break; // INT (protocol 0)
      case 0x55:
        stack.push(latin1.decode(take(u8())));
        break; // SHORT_BINSTRING: a Python 2 str
      case 0x54: {
        // BINSTRING
        const n = i32();
        if (n < 0) throw new UnsafePickleError(`malformed pickle: negative BINSTRING length at offset ${at}`);
        stack.push(latin1.decode(take(n)));
        break;
      }
      case 0x58:
        stack.push(decodeUtf8(utf8, take(u32()), at));
        break; // BINUNICODE
      case 0x8c:
        stack.push(decodeUtf8(utf8, take(u8()), at));
        break; // SHORT_BINUNICODE
      case 0x43: {
        const n = u8();
        stack.push(take(n).slice());
        break;
      } // SHORT_BINBYTES
      case 0x42: {
        // BINBYTES
        const n = u32();
        stack.push(take(n).slice());
        break;
      }
      case 0x29:
        stack.push(tuple([]));
        break; // EMPTY_TUPLE
      case 0x85:
        stack.push(tuple([pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        const a = pop();
        stack.push(tuple([a, b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(tuple([a, b, c]));
        break;
      } // TUPLE3
      case 0x74:
        stack.push(tuple(popMark()));
        break; // TUPLE
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x6c:
        stack.push(popMark());
        break; // LIST
      case 0x61: {
        const v = pop();
        list(top()).push(v);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        list(top()).push(...items);
        break;
      } // APPENDS
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x68:
        stack.push(get(u8()));
        break; // BINGET
      case 0x6a:
        stack.push(get(u32()));
        break; // LONG_BINGET
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x63: {
        // GLOBAL
        const name = `${line()}.${line()}`;
        if (!ALLOWED_GLOBALS.has(name)) {
          throw new UnsafePickleError(
            `pickle refers to the global '${name}', which is not allowed (allowed: ${[...ALLOWED_GLOBALS].join(", ")}); nothing was executed`,
          );
        }
        stack.push({ kind: "global", name });
        break;
      }
      case 0x52: {
        const args = pop();
        const fn = pop();
        stack.push(reduce(fn, args));
        break;
      } // REDUCE
      case 0x62: {
        const state = pop();
        stack.push(build(pop(), state));
        break;
      } // BUILD
      default: {
        const name = OPCODE_NAMES[op];
        throw new UnsafePickleError(
          name
            ? `pickle uses the opcode ${name} (0x${op.toString(16)}) at offset ${at}, which is not allowed: only numpy arrays of plain values are read`
            : `pickle uses the opcode 0x${op.toString(16)} ('${String.fromCharCode(op)}') at offset ${at}, which this reader does not allow`,
        );
      }
    }
  }
}

function decodeUtf8(decoder: TextDecoder, raw: Uint8Array, at: number): string {
  try {
    return decoder.decode(raw);
  } catch {
    throw new UnsafePickleError(`malformed pickle: invalid UTF-8 in a unicode string at offset ${at}`);
  }
}

function readLong(raw: Uint8Array): number | bigint {
  if (raw.length === 0) return 0;
  let v = 0n;
  for (let i = raw.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(raw[i]);
  if (raw[raw.length - 1] & 0x80) v -= 1n << BigInt(raw.length * 8);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function parseIntLine(s: string): number | boolean {
  if (s === "00") return false;
  if (s === "01") return true;
  if (!/^-?\d+$/.test(s)) throw new UnsafePickleError(`malformed pickle: INT argument '${s}'`);
  return Number(s);
}

/** The only calls a pickle may make: numpy's _reconstruct, numpy.dtype(...) and _codecs.encode(text, 'latin1'). */
function reduce(fn: PickleValue, args: PickleValue): PickleValue {
  if (!isObj(fn, "global")) throw new UnsafePickleError("malformed pickle: REDUCE on something that is not an allowed global");
  if (!Array.isArray(args)) throw new UnsafePickleError("malformed pickle: REDUCE arguments are not a tuple");
  const name = (fn as Global).name;
  if (name.endsWith("._reconstruct")) {
    if (!isObj(args[0], "global") || (args[0] as Global).name !== "numpy.ndarray") {
      throw new UnsafePickleError("_reconstruct may only rebuild numpy.ndarray");
    }
    return { kind: "pending-ndarray" };
  }
  if (name === "numpy.dtype") {
    if (typeof args[0] !== "string") throw new UnsafePickleError("numpy.dtype needs a type string");
    return { kind: "dtype", descr: args[0], byteorder: null };
  }
  if (name === "_codecs.encode") {
    if (typeof args[0] !== "string" || (args[1] !== "latin1" && args[1] !== "latin-1")) {
      throw new UnsafePickleError("_codecs.encode is allowed only as encode(text, 'latin1') (how protocol 2 stores bytes)");
    }
    return Uint8Array.from(args[0], (ch) => ch.charCodeAt(0));
  }
  throw new UnsafePickleError(`REDUCE on '${name}' is not allowed`);
}

/**
 * BUILD sets the state of a dtype (its byte order) or of a pending ndarray (shape, dtype, data), in place: the memo
 * may hold the same object.
 */
function build(target: PickleValue, state: PickleValue): PickleValue {
  if (isObj(target, "dtype") && Array.isArray(state)) {
    const byteorder = state[1];
    (target as PickledDtype).byteorder = typeof byteorder === "string" ? byteorder : null;
    return target;
  }
  if (isObj(target, "pending-ndarray") && Array.isArray(state) && state.length === 5) {
    const [, shape, dtype, fortran, data] = state;
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)) {
      throw new UnsafePickleError("ndarray state has an invalid shape");
    }
    if (!isObj(dtype, "dtype")) throw new UnsafePickleError("ndarray state has no dtype");
    const raw = typeof data === "string" ? Uint8Array.from(data, (ch) => ch.charCodeAt(0)) : data;
    if (!(raw instanceof Uint8Array) && !Array.isArray(raw)) throw new UnsafePickleError("ndarray state holds neither bytes nor a list");
    const built: PickledArray = {
      kind: "ndarray",
      shape: shape as number[],
      dtype: dtype as PickledDtype,
      fortran: fortran === true || fortran === 1,
      data: raw,
    };
    return Object.assign(target as object, built) as PickledArray;
  }
  throw new UnsafePickleError("BUILD is allowed only on numpy dtypes and arrays");
}
