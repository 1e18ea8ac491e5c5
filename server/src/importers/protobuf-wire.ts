// A minimal protobuf wire-format reader: enough to walk flyteidl messages without bundling
// the generated code (3.4 MB). Throws WireError on anything malformed.

export class WireError extends Error {}

export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export interface Field {
  number: number;
  wireType: WireType;
  /** Varint value (Varint), the 8 bytes (Fixed64), the 4 bytes (Fixed32) or the payload (LengthDelimited). */
  varint: bigint;
  bytes: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const EMPTY = new Uint8Array(0);

/** A varint as a number: exact up to 2^49 (7 bytes); longer ones go through readVarint. */
function readSmallVarint(buf: Uint8Array, at: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 7; i++) {
    if (at + i >= buf.byteLength) throw new WireError('truncated varint');
    const byte = buf[at + i]!;
    result += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [result, at + i + 1];
    scale *= 128;
  }
  const [big, next] = readVarint(buf, at);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new WireError(`varint ${big} is too large here`);
  return [Number(big), next];
}

function readVarint(buf: Uint8Array, at: number): [bigint, number] {
  let small = 0;
  let scale = 1;
  for (let i = 0; i < 7 && at + i < buf.byteLength; i++) {
    const byte = buf[at + i]!;
    small += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [BigInt(small), at + i + 1];
    scale *= 128;
  }
  let result = 0n;
  for (let i = 0; i < 10; i++) {
    if (at + i >= buf.byteLength) throw new WireError('truncated varint');
    const byte = buf[at + i]!;
    result |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return [result, at + i + 1];
  }
  throw new WireError('varint longer than 10 bytes');
}

/** Splits one message into its fields, in order. */
export function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < buf.byteLength) {
    const [tag, afterTag] = readSmallVarint(buf, at);
    const number = Math.floor(tag / 8);
    const wireType = (tag % 8) as WireType;
    if (number === 0 || number > 0x1fffffff) throw new WireError(`invalid field number ${number}`);
    at = afterTag;
    switch (wireType) {
      case WireType.Varint: {
        const [value, next] = readVarint(buf, at);
        fields.push({ number, wireType, varint: value, bytes: EMPTY });
        at = next;
        break;
      }
      case WireType.Fixed64:
      case WireType.Fixed32: {
        const size = wireType === WireType.Fixed64 ? 8 : 4;
        if (at + size > buf.byteLength) throw new WireError('truncated fixed-width field');
        fields.push({ number, wireType, varint: 0n, bytes: buf.subarray(at, at + size) });
        at += size;
        break;
      }
      case WireType.LengthDelimited: {
        const [length, next] = readSmallVarint(buf, at);
        if (next + length > buf.byteLength) throw new WireError('length-delimited field runs past the end');
        fields.push({ number, wireType, varint: 0n, bytes: buf.subarray(next, next + length) });
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
    return utf8.decode(field.bytes);
  } catch {
    throw new WireError(`field ${field.number} is not valid UTF-8`);
  }
}

export function asMessage(field: Field): Field[] {
  expect(field, WireType.LengthDelimited);
  return readFields(field.bytes);
}

export function asInt64(field: Field): bigint {
  expect(field, WireType.Varint);
  return BigInt.asIntN(64, field.varint);
}

export function asBool(field: Field): boolean {
  expect(field, WireType.Varint);
  return field.varint !== 0n;
}

export function asDouble(field: Field): number {
  expect(field, WireType.Fixed64);
  return new DataView(field.bytes.buffer, field.bytes.byteOffset, 8).getFloat64(0, true);
}

/** The last occurrence of a field wins, as protobuf parsers do for singular fields. */
export function last(fields: Field[], number: number): Field | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.number === number) return fields[i];
  return undefined;
}
