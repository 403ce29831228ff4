// Opening what a share link releases, with WebCrypto only (HKDF-SHA256, HMAC-SHA256,
// AES-256-GCM), byte for byte as keys/ does (docs/FORMAT.md): the link slot (§5), the
// sealed metadata (§6) and the DV1 content (§7). Every failure is one DecryptionError,
// and a document's plaintext is released only once every chunk has verified.

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

export const KEY_SIZE = 32;
export const HEADER_SIZE = 91;
export const CHUNK_SIZE = 65536;
export const TAG_SIZE = 16;
const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
const SEAL_AES_256_GCM = 0x01;
const GCM_NONCE_SIZE = 12;
const SEAL_OVERHEAD = 1 + GCM_NONCE_SIZE + TAG_SIZE;
const LINK_SLOT_SIZE = SEAL_OVERHEAD + KEY_SIZE;
// magic "VDOC", version 1, algorithm 1, chunk size 65536, document id length 32
const DV1_PREFIX = Uint8Array.of(0x56, 0x44, 0x4f, 0x43, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x20);
const ID_OFFSET = DV1_PREFIX.length;
const NONCE_OFFSET = ID_OFFSET + 32;
const MAC_OFFSET = NONCE_OFFSET + 16;
const DOCUMENT_ID = /^[0-9a-f]{32}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export const INFO_LINK = "vault/v1/link|";
export const INFO_LINK_PROOF = "vault/v1/link-proof|";
const INFO_METADATA = "vault/v1/meta";
const INFO_HEADER = "vault/v1/header";
const INFO_PAYLOAD = "vault/v1/payload";

export class DecryptionError extends Error {
  constructor() {
    super("decryption failed");
    this.name = "DecryptionError";
  }
}

function subtle() {
  const found = globalThis.crypto && globalThis.crypto.subtle;
  if (!found) {
    throw new Error("WebCrypto is not available (it needs HTTPS or localhost)");
  }
  return found;
}

export function hasWebCrypto() {
  return Boolean(globalThis.isSecureContext !== false && globalThis.crypto && globalThis.crypto.subtle);
}

export function fromBase64Url(text) {
  if (typeof text !== "string" || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new DecryptionError();
  }
  const padded = text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

// HKDF-SHA256 to 32 bytes; an empty salt is RFC 5869's default (32 zero bytes).
export async function hkdf(secret, info, salt = EMPTY) {
  if (!(secret instanceof Uint8Array) || secret.length < 16) {
    throw new RangeError("a secret is at least 16 bytes");
  }
  const key = await subtle().importKey("raw", secret, "HKDF", false, ["deriveBits"]);
  const bits = await subtle().deriveBits({ name: "HKDF", hash: "SHA-256", salt, info: encoder.encode(info) }, key, 256);
  return new Uint8Array(bits);
}

async function aesKey(raw) {
  return subtle().importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
}

async function gcmOpen(key, nonce, sealed, aad) {
  const params = { name: "AES-GCM", iv: nonce, tagLength: 128 };
  if (aad.length > 0) {
    params.additionalData = aad;
  }
  try {
    return new Uint8Array(await subtle().decrypt(params, key, sealed));
  } catch (ignored) {
    throw new DecryptionError();
  }
}

// Sealed box (§3): 0x01 || nonce (12) || AES-256-GCM ciphertext || tag (16).
export async function openSealed(keyBytes, sealed, aad) {
  if (!(sealed instanceof Uint8Array) || sealed.length < SEAL_OVERHEAD || sealed[0] !== SEAL_AES_256_GCM) {
    throw new DecryptionError();
  }
  const key = await aesKey(keyBytes);
  return gcmOpen(key, sealed.subarray(1, 1 + GCM_NONCE_SIZE), sealed.subarray(1 + GCM_NONCE_SIZE), aad);
}

// Link slot (§5): the document key sealed under HKDF(link secret, "vault/v1/link|" + link id).
export async function openLinkSlot(slot, linkSecret, linkId) {
  const key = await hkdf(linkSecret, INFO_LINK + linkId);
  if (!(slot instanceof Uint8Array) || slot.length !== LINK_SLOT_SIZE) {
    throw new DecryptionError();
  }
  return requireKey(await openSealed(key, slot, EMPTY));
}

// What the page shows the server instead of the secret: HKDF(secret, "vault/v1/link-proof|" + id).
export async function linkProof(linkSecret, linkId) {
  return hkdf(linkSecret, INFO_LINK_PROOF + linkId);
}

// Metadata (§6): sealed box under HKDF(DEK, "vault/v1/meta"), AAD = document id; a JSON object.
export async function openMetadata(dek, documentId, sealed) {
  const aad = documentIdBytes(documentId);
  const plaintext = await openSealed(await hkdf(requireKey(dek), INFO_METADATA), sealed, aad);
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
  } catch (ignored) {
    throw new DecryptionError();
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DecryptionError();
  }
  return value;
}

// DV1 (§7): the whole blob in, the whole plaintext out, or DecryptionError.
export async function decryptDocument(dek, documentId, blob) {
  const expectedId = documentIdBytes(documentId);
  requireKey(dek);
  if (!(blob instanceof Uint8Array) || blob.length < HEADER_SIZE || !startsWith(blob, DV1_PREFIX)) {
    throw new DecryptionError();
  }
  const macKey = await subtle().importKey(
    "raw", await hkdf(dek, INFO_HEADER), { name: "HMAC", hash: "SHA-256" }, false, ["verify"],
  );
  const authentic = await subtle().verify("HMAC", macKey, blob.subarray(MAC_OFFSET, HEADER_SIZE), blob.subarray(0, MAC_OFFSET));
  if (!authentic || !sameBytes(blob.subarray(ID_OFFSET, NONCE_OFFSET), expectedId)) {
    throw new DecryptionError();
  }
  const payloadKey = await aesKey(await hkdf(dek, INFO_PAYLOAD, blob.slice(NONCE_OFFSET, MAC_OFFSET)));
  return openChunks(payloadKey, blob.subarray(HEADER_SIZE));
}

async function openChunks(key, body) {
  const pieces = [];
  let offset = 0;
  let index = 0;
  while (body.length - offset > SEALED_CHUNK_SIZE) {
    pieces.push(await gcmOpen(key, chunkNonce(index, false), body.subarray(offset, offset + SEALED_CHUNK_SIZE), EMPTY));
    offset += SEALED_CHUNK_SIZE;
    index += 1;
  }
  const rest = body.length - offset;
  if (rest < TAG_SIZE || (rest === TAG_SIZE && index > 0)) {
    throw new DecryptionError();
  }
  pieces.push(await gcmOpen(key, chunkNonce(index, true), body.subarray(offset), EMPTY));
  return concat(pieces);
}

// 11-byte big-endian chunk counter, then 0x01 for the last chunk, 0x00 otherwise.
function chunkNonce(index, last) {
  const nonce = new Uint8Array(GCM_NONCE_SIZE);
  let value = index;
  for (let position = 10; position >= 0 && value > 0; position -= 1) {
    nonce[position] = value % 256;
    value = Math.floor(value / 256);
  }
  nonce[11] = last ? 0x01 : 0x00;
  return nonce;
}

function documentIdBytes(documentId) {
  if (typeof documentId !== "string" || !DOCUMENT_ID.test(documentId)) {
    throw new RangeError("a document id is 32 lowercase hex characters");
  }
  return encoder.encode(documentId);
}

function requireKey(key) {
  if (!(key instanceof Uint8Array) || key.length !== KEY_SIZE) {
    throw new DecryptionError();
  }
  return key;
}

function startsWith(bytes, prefix) {
  return prefix.every((value, index) => bytes[index] === value);
}

function sameBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= a[index] ^ b[index];
  }
  return difference === 0;
}

function concat(pieces) {
  const out = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
