// A minimal protobuf wire-format reader: enough to walk flyteidl messages without bundling
// the generated code (3.4 MB). Throws WireError on anything malformed. Fields point into the
// message's buffer (no copy or view per field) and varints stay numbers unless they need 64 bits:
// the tree, the details panel and `flyte-cache ls` decode entries when they show them.

export class WireError extends Error {}

export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

const EMPTY = new Uint8Array(0);

export class Field {
  constructor(
    readonly number: number,
    readonly wireType: WireType,
    /** The message buffer and this field's payload in it (the fixed bytes or the length-delimited body). */
    readonly buf: Uint8Array,
    readonly start: number,
    readonly end: number,
    /** A varint's value when it fits 49 bits; otherwise `big` holds it. */
    private readonly small: number,
    private readonly big: bigint | undefined,
  ) {}

  /** Varint value (Varint); 0 otherwise. */
  get varint(): bigint {
    return this.big ?? BigInt(this.small);
  }

  /** The 8 bytes (Fixed64), the 4 bytes (Fixed32) or the payload (LengthDelimited). */
  get bytes(): Uint8Array {
    return this.wireType === WireType.Varint ? EMPTY : this.buf.subarray(this.start, this.end);
  }

  /** The varint as a number when it fits 49 bits (as it read), else undefined. */
  get smallVarint(): number | undefined {
    return this.big === undefined ? this.small : undefined;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Where the last varint read ended (saves a tuple per varint). */
let after = 0;

/** A varint as a number: exact up to 2^49 (7 bytes); longer ones go through readVarint. */
function readSmallVarint(buf: Uint8Array, at: number, end: number): number {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 7; i++) {
    if (at + i >= end) throw new WireError('truncated varint');
    const byte = buf[at + i]!;
    result += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      after = at + i + 1;
      return result;
    }
    scale *= 128;
  }
  const big = readVarint(buf, at, end);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new WireError(`varint ${big} is too large here`);
  return Number(big);
}

function readVarint(buf: Uint8Array, at: number, end: number): bigint {
  let result = 0n;
  for (let i = 0; i < 10; i++) {
    if (at + i >= end) throw new WireError('truncated varint');
    const byte = buf[at + i]!;
    result |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) {
      after = at + i + 1;
      return result;
    }
  }
  throw new WireError('varint longer than 10 bytes');
}

/** Splits one message (all of `buf`, or buf[start, end)) into its fields, in order. */
export function readFields(buf: Uint8Array, start = 0, end = buf.byteLength): Field[] {
  const fields: Field[] = [];
  let at = start;
  while (at < end) {
    const tag = readSmallVarint(buf, at, end);
    const number = Math.floor(tag / 8);
    const wireType = (tag % 8) as WireType;
    if (number === 0 || number > 0x1fffffff) throw new WireError(`invalid field number ${number}`);
    at = after;
    switch (wireType) {
      case WireType.Varint: {
        // Up to 7 bytes as a number; longer (large or negative int64) as a bigint.
        let small = 0;
        let scale = 1;
        let done = false;
        for (let i = 0; i < 7 && at + i < end; i++) {
          const byte = buf[at + i]!;
          small += (byte & 0x7f) * scale;
          if ((byte & 0x80) === 0) {
            done = true;
            after = at + i + 1;
            break;
          }
          scale *= 128;
        }
        const big = done ? undefined : readVarint(buf, at, end);
        fields.push(new Field(number, wireType, buf, at, at, done ? small : 0, big));
        at = after;
        break;
      }
      case WireType.Fixed64:
      case WireType.Fixed32: {
        const size = wireType === WireType.Fixed64 ? 8 : 4;
        if (at + size > end) throw new WireError('truncated fixed-width field');
        fields.push(new Field(number, wireType, buf, at, at + size, 0, undefined));
        at += size;
        break;
      }
      case WireType.LengthDelimited: {
        const length = readSmallVarint(buf, at, end);
        const next = after;
        if (next + length > end) throw new WireError('length-delimited field runs past the end');
        fields.push(new Field(number, wireType, buf, next, next + length, 0, undefined));
        at = next + length;
        break;
      }
      default:
        throw new WireError(`unsupported wire type ${wireType} (field ${number})`);
    }
  }
  return fields;
}

function expect(field: Field, wireType: WireType): void {
  if (field.wireType !== wireType) throw new WireError(`field ${field.number} has wire type ${field.wireType}, expected ${wireType}`);
}

export function asString(field: Field): string {
  expect(field, WireType.LengthDelimited);
  try {
    return utf8.decode(field.buf.subarray(field.start, field.end));
  } catch {
    throw new WireError(`field ${field.number} is not valid UTF-8`);
  }
}

export function asMessage(field: Field): Field[] {
  expect(field, WireType.LengthDelimited);
  return readFields(field.buf, field.start, field.end);
}

export function asInt64(field: Field): bigint {
  expect(field, WireType.Varint);
  return BigInt.asIntN(64, field.varint);
}

/** An int64 as a number when a double holds it exactly, else as its decimal string (the protobuf JSON mapping). */
export function asInt64Json(field: Field): number | string {
  expect(field, WireType.Varint);
  const small = field.smallVarint;
  if (small !== undefined) return small;
  const n = BigInt.asIntN(64, field.varint);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

export function asBool(field: Field): boolean {
  expect(field, WireType.Varint);
  const small = field.smallVarint;
  return small !== undefined ? small !== 0 : field.varint !== 0n;
}

const scratch = new DataView(new ArrayBuffer(8));

export function asDouble(field: Field): number {
  expect(field, WireType.Fixed64);
  for (let i = 0; i < 8; i++) scratch.setUint8(i, field.buf[field.start + i]!);
  return scratch.getFloat64(0, true);
}

/** The last occurrence of a field wins, as protobuf parsers do for singular fields. */
export function last(fields: Field[], number: number): Field | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.number === number) return fields[i];
  return undefined;
}
