/*
 * The upstream Kafka message definitions as data: their field and version
 * shapes, reading them (JSON with comments), and version-range arithmetic.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface FieldSpec {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  flexibleVersions?: string;
  tag?: number;
  taggedVersions?: string;
  default?: string | number | boolean;
  fields?: FieldSpec[];
}

export interface MessageSpec {
  apiKey?: number;
  type: string;
  name: string;
  validVersions: string;
  flexibleVersions: string;
  fields: FieldSpec[];
}

export interface Range {
  min: number;
  max: number;
}

export const MAX = 0x7fff;

/** Removes `//` comments (outside of strings) so JSON.parse can read the spec. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[++i];
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

export function parseRange(s: string | undefined): Range | null {
  if (s === undefined || s === 'none') return null;
  if (s.endsWith('+')) return { min: Number(s.slice(0, -1)), max: MAX };
  const dash = s.indexOf('-');
  if (dash > 0) {
    return { min: Number(s.slice(0, dash)), max: Number(s.slice(dash + 1)) };
  }
  return { min: Number(s), max: Number(s) };
}

export function intersect(a: Range | null, b: Range | null): Range | null {
  if (!a || !b) return null;
  const min = Math.max(a.min, b.min);
  const max = Math.min(a.max, b.max);
  return min <= max ? { min, max } : null;
}

/** A TS boolean expression testing `v` against a range, relative to the valid range. */
export function cond(range: Range | null, valid: Range): string {
  const r = intersect(range, valid);
  if (!r) return 'false';
  const parts: string[] = [];
  if (r.min > valid.min) parts.push(`v >= ${r.min}`);
  if (r.max < valid.max) parts.push(`v <= ${r.max}`);
  return parts.length ? parts.join(' && ') : 'true';
}

export function loadSpec(specDir: string, file: string): MessageSpec {
  return JSON.parse(stripJsonComments(fs.readFileSync(path.join(specDir, file), 'utf8')));
}
