// Decodes a serialized flyteidl.core.LiteralMap (what flytekit >= 1.15 stores as a cache value)
// into plain JSON. Field numbers from flyteidl/core/literals.proto (flyteidl 1.16):
//   LiteralMap{1: map<string, Literal>}  Literal{1 scalar, 2 collection, 3 map, 8 offloaded_metadata}
//   LiteralCollection{1: repeated Literal}  Scalar{1 primitive, 2 blob, 3 binary, 4 schema,
//   5 none_type, 6 error, 7 generic, 8 structured_dataset, 9 union}
//   Primitive{1 integer, 2 float_value, 3 string_value, 4 boolean, 5 datetime, 6 duration}
//   Blob{1 metadata, 3 uri}  Schema{1 uri}  StructuredDataset{1 uri, 2 metadata}  Union{1 value, 2 type}
//   google.protobuf: Timestamp/Duration{1 seconds, 2 nanos}  Struct{1: map<string, Value>}
//   Value{1 null, 2 number, 3 string, 4 bool, 5 struct, 6 list}  ListValue{1: repeated Value}
import type { JsonValue } from '../store/types';
import { asBool, asDouble, asInt64, asInt64Json, asMessage, asString, last, readFields, WireError, type Field } from './protobuf-wire';

export { WireError as LiteralMapError };

/** Throws LiteralMapError when the bytes are not a LiteralMap; unknown literal shapes decode to null. */
export function decodeLiteralMap(bytes: Uint8Array): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const field of readFields(bytes)) {
    if (field.number !== 1) throw new WireError(`unexpected field ${field.number} in a LiteralMap`);
    const [key, value] = mapEntry(field);
    out[key] = value === undefined ? null : literal(value);
  }
  return out;
}

function mapEntry(field: Field): [string, Field[] | undefined] {
  let key = '';
  let value: Field[] | undefined;
  for (const f of asMessage(field)) {
    if (f.number === 1) key = asString(f);
    else if (f.number === 2) value = asMessage(f);
    else throw new WireError(`unexpected field ${f.number} in a map entry`);
  }
  return [key, value];
}

function literal(fields: Field[]): JsonValue {
  const chosen = lastOf(fields, [1, 2, 3, 8]);
  switch (chosen?.number) {
    case 1:
      return scalar(asMessage(chosen));
    case 2:
      return asMessage(chosen)
        .filter((f) => f.number === 1)
        .map((f) => literal(asMessage(f)));
    case 3:
      return literalMap(asMessage(chosen));
    default:
      return null; // offloaded literals live elsewhere; an empty Literal has no value
  }
}

function literalMap(fields: Field[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const field of fields) {
    if (field.number !== 1) continue;
    const [key, value] = mapEntry(field);
    out[key] = value === undefined ? null : literal(value);
  }
  return out;
}

function scalar(fields: Field[]): JsonValue {
  const chosen = lastOf(fields, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  if (!chosen) return null;
  const body = asMessage(chosen);
  switch (chosen.number) {
    case 1:
      return primitive(body);
    case 2: // Blob.uri
    case 4: // Schema.uri is field 1
    case 8: {
      const uri = last(body, chosen.number === 2 ? 3 : 1);
      return uri ? asString(uri) : null;
    }
    case 5:
      return null;
    case 7:
      return struct(body);
    case 9: {
      const value = last(body, 1);
      return value ? literal(asMessage(value)) : null;
    }
    default:
      return null; // binary (msgpack), error: not shown
  }
}

function primitive(fields: Field[]): JsonValue {
  const chosen = lastOf(fields, [1, 2, 3, 4, 5, 6]);
  switch (chosen?.number) {
    case 1:
      return asInt64Json(chosen);
    case 2:
      return asDouble(chosen);
    case 3:
      return asString(chosen);
    case 4:
      return asBool(chosen);
    case 5:
      return timestamp(asMessage(chosen));
    case 6:
      return duration(asMessage(chosen));
    default:
      return null;
  }
}

function secondsAndNanos(fields: Field[]): [bigint, number] {
  const seconds = last(fields, 1);
  const nanos = last(fields, 2);
  return [seconds ? asInt64(seconds) : 0n, nanos ? Number(asInt64(nanos)) : 0];
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits (the protobuf JSON mapping). */
function timestamp(fields: Field[]): string {
  const [seconds, nanos] = secondsAndNanos(fields);
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) throw new WireError(`timestamp ${seconds}s is out of range`);
  const base = date.toISOString().replace(/\.\d{3}Z$/, '');
  if (nanos === 0) return `${base}Z`;
  const digits = String(nanos).padStart(9, '0');
  const fraction = nanos % 1_000_000 === 0 ? digits.slice(0, 3) : nanos % 1000 === 0 ? digits.slice(0, 6) : digits;
  return `${base}.${fraction}Z`;
}

/** Seconds with a trailing "s", e.g. "1.5s", "90s", "-0.25s". */
function duration(fields: Field[]): string {
  const [seconds, nanos] = secondsAndNanos(fields);
  const negative = seconds < 0n || nanos < 0;
  const whole = seconds < 0n ? -seconds : seconds;
  const fraction = String(Math.abs(nanos)).padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}s`;
}

function struct(fields: Field[]): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const field of fields) {
    if (field.number !== 1) continue;
    let key = '';
    let value: JsonValue = null;
    for (const f of asMessage(field)) {
      if (f.number === 1) key = asString(f);
      else if (f.number === 2) value = structValue(asMessage(f));
    }
    out[key] = value;
  }
  return out;
}

function structValue(fields: Field[]): JsonValue {
  const chosen = lastOf(fields, [1, 2, 3, 4, 5, 6]);
  switch (chosen?.number) {
    case 2:
      return asDouble(chosen);
    case 3:
      return asString(chosen);
    case 4:
      return asBool(chosen);
    case 5:
      return struct(asMessage(chosen));
    case 6:
      return asMessage(chosen)
        .filter((f) => f.number === 1)
        .map((f) => structValue(asMessage(f)));
    default:
      return null;
  }
}

/** The member of a oneof that is set: the last field among `numbers` (later occurrences win). */
function lastOf(fields: Field[], numbers: readonly number[]): Field | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (numbers.includes(fields[i]!.number)) return fields[i];
  return undefined;
}
