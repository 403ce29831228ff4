// The share page's decryptor against the same vectors as keys/ (tests/vectors, docs/FORMAT.md §10):
// every saved object opens to its expected bytes, every negative case fails with DecryptionError.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  DecryptionError,
  decryptDocument,
  fromBase64Url,
  hkdf,
  linkProof,
  openLinkSlot,
  openMetadata,
  openSealed,
  toBase64Url,
} from "../../share/crypto.js";

const VECTORS = new URL("../../../../tests/vectors/", import.meta.url);
const load = (name) => JSON.parse(readFileSync(new URL(name, VECTORS), "utf-8"));
const dv1 = load("dv1.json");
const slots = load("slots.json");
const metadata = load("metadata.json");
const symmetric = load("symmetric.json");

const hex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function plaintextOf(vector) {
  if (vector.plaintext !== undefined) {
    return hex(vector.plaintext);
  }
  assert.equal(vector.plaintext_rule, "mod251");
  return Uint8Array.from({ length: vector.plaintext_size }, (_, i) => i % 251);
}

// The mutation language of docs/FORMAT.md §10.
function mutate(original, mutations) {
  let bytes = Uint8Array.from(original);
  const join = (...parts) => Uint8Array.from(parts.flatMap((part) => Array.from(part)));
  for (const m of mutations) {
    if (m.op === "truncate") {
      bytes = bytes.slice(0, m.length);
    } else if (m.op === "xor") {
      bytes[m.offset] ^= m.mask;
    } else if (m.op === "append") {
      bytes = join(bytes, hex(m.hex));
    } else if (m.op === "delete") {
      bytes = join(bytes.slice(0, m.offset), bytes.slice(m.offset + m.length));
    } else if (m.op === "duplicate") {
      const end = m.offset + m.length;
      bytes = join(bytes.slice(0, end), bytes.slice(m.offset, end), bytes.slice(end));
    } else if (m.op === "swap") {
      const a = bytes.slice(m.a, m.a + m.length);
      const b = bytes.slice(m.b, m.b + m.length);
      bytes.set(b, m.a);
      bytes.set(a, m.b);
    } else if (m.op === "replace") {
      bytes.set(hex(m.hex), m.offset);
    } else {
      throw new Error(`unknown mutation ${m.op}`);
    }
  }
  return bytes;
}

test("HKDF matches every vector, the empty salt included", async () => {
  assert.ok(symmetric.hkdf.length > 0);
  for (const v of symmetric.hkdf) {
    const salt = v.salt === null ? undefined : hex(v.salt);
    assert.equal(toHex(await hkdf(hex(v.secret), v.info, salt)), v.key, v.info);
  }
});

test("sealed boxes open, and their negative cases fail closed", async () => {
  for (const v of symmetric.sealed_boxes) {
    assert.equal(toHex(await openSealed(hex(v.key), hex(v.sealed), hex(v.aad))), v.plaintext);
  }
  const boxes = Object.fromEntries(symmetric.sealed_boxes.map((v) => [v.name, v]));
  assert.ok(symmetric.negative.length > 0);
  for (const n of symmetric.negative) {
    const base = boxes[n.box];
    const key = hex(n.key ?? base.key);
    const aad = hex(n.aad ?? base.aad);
    await assert.rejects(openSealed(key, mutate(hex(base.sealed), n.mutations), aad), DecryptionError, n.name);
  }
});

test("every DV1 vector decrypts to its plaintext", async () => {
  assert.ok(dv1.vectors.length >= 6);
  for (const v of dv1.vectors) {
    const plaintext = await decryptDocument(hex(v.dek), v.document_id, hex(v.ciphertext));
    assert.equal(plaintext.length, v.plaintext_size, v.name);
    assert.deepEqual(plaintext, plaintextOf(v), v.name);
  }
});

test("every negative DV1 vector fails with DecryptionError and releases nothing", async () => {
  const vectors = Object.fromEntries(dv1.vectors.map((v) => [v.name, v]));
  assert.ok(dv1.negative.length >= 30);
  for (const n of dv1.negative) {
    const base = vectors[n.vector];
    const blob = mutate(hex(base.ciphertext), n.mutations);
    let released = null;
    await assert.rejects(
      (async () => { released = await decryptDocument(hex(n.dek ?? base.dek), n.document_id ?? base.document_id, blob); })(),
      DecryptionError,
      n.name,
    );
    assert.equal(released, null, n.name);
  }
});

test("link slots open to the document key; wrong id, secret, a flipped bit or truncation fail", async () => {
  assert.ok(slots.link_slots.length > 0);
  for (const v of slots.link_slots) {
    assert.equal(toHex(await hkdf(hex(v.link_secret), "vault/v1/link|" + v.link_id)), v.link_key);
    assert.equal(toHex(await openLinkSlot(hex(v.slot), hex(v.link_secret), v.link_id)), v.dek);
  }
  const named = Object.fromEntries(slots.link_slots.map((v) => [v.name, v]));
  assert.ok(slots.link_slot_negative.length >= 4);
  for (const n of slots.link_slot_negative) {
    const base = named[n.slot];
    const slot = mutate(hex(base.slot), n.mutations);
    await assert.rejects(openLinkSlot(slot, hex(n.link_secret ?? base.link_secret), n.link_id ?? base.link_id), DecryptionError, n.name);
  }
});

test("sealed metadata opens to its JSON object; its negative cases fail", async () => {
  for (const v of metadata.vectors) {
    assert.deepEqual(await openMetadata(hex(v.dek), v.document_id, hex(v.sealed)), v.metadata);
  }
  const named = Object.fromEntries(metadata.vectors.map((v) => [v.name, v]));
  for (const n of metadata.negative) {
    const base = named[n.vector];
    const sealed = mutate(hex(base.sealed), n.mutations);
    await assert.rejects(openMetadata(hex(n.dek ?? base.dek), n.document_id ?? base.document_id, sealed), DecryptionError, n.name);
  }
});

test("the proof sent to the server is HKDF of the secret under its own label, never the link key", async () => {
  const v = slots.link_slots[0];
  const proof = await linkProof(hex(v.link_secret), v.link_id);
  assert.equal(toHex(proof), toHex(await hkdf(hex(v.link_secret), "vault/v1/link-proof|" + v.link_id)));
  assert.notEqual(toHex(proof), v.link_key);
  assert.notEqual(toHex(proof), v.link_secret);
});

test("base64url round-trips 32 bytes in 43 characters and refuses other alphabets", () => {
  const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 250) % 256);
  const text = toBase64Url(bytes);
  assert.match(text, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(fromBase64Url(text), bytes);
  assert.throws(() => fromBase64Url(text.slice(0, 42) + "+"), DecryptionError);
  assert.throws(() => fromBase64Url("abcde"), DecryptionError);
});

test("a document id of the wrong shape is a programming error, not a decryption failure", async () => {
  const v = dv1.vectors[0];
  await assert.rejects(decryptDocument(hex(v.dek), v.document_id.toUpperCase(), hex(v.ciphertext)), RangeError);
});
