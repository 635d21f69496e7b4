/* A small DER (ASN.1) encoder and a PKCS#10 certification request builder on WebCrypto.
 *
 * Vendored on purpose (no CDN, no dependency): it encodes only what a CSR needs
 * (SEQUENCE, SET, INTEGER, OBJECT IDENTIFIER, UTF8String, NULL, BIT STRING, [0]).
 * The request is signed in the browser with the private key, which never leaves it.
 *   CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature BIT STRING }
 *   CertificationRequestInfo ::= SEQUENCE { version INTEGER (0), subject Name,
 *                                           subjectPKInfo SubjectPublicKeyInfo, attributes [0] IMPLICIT SET }
 */
"use strict";
(function (global) {
  function concat(parts) {
    let size = 0;
    for (const p of parts) size += p.length;
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  function length(n) {
    if (n < 0x80) return Uint8Array.of(n);
    const bytes = [];
    while (n > 0) { bytes.unshift(n & 0xff); n = Math.floor(n / 256); }
    return Uint8Array.from([0x80 | bytes.length, ...bytes]);
  }

  function tlv(tag, content) { return concat([Uint8Array.of(tag), length(content.length), content]); }
  function sequence(...items) { return tlv(0x30, concat(items)); }
  function set(...items) { return tlv(0x31, concat(items)); }

  // A non-negative INTEGER from big-endian bytes (leading zeros dropped, a 0 added before a high bit).
  function integer(bytes) {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let body = bytes.slice(start);
    if (body[0] & 0x80) body = concat([Uint8Array.of(0), body]);
    return tlv(0x02, body);
  }

  function oid(text) {
    const arcs = text.split(".").map(Number);
    const bytes = [40 * arcs[0] + arcs[1]];
    for (const arc of arcs.slice(2)) {
      const chunk = [arc & 0x7f];
      let rest = Math.floor(arc / 128);
      while (rest > 0) { chunk.unshift(0x80 | (rest & 0x7f)); rest = Math.floor(rest / 128); }
      bytes.push(...chunk);
    }
    return tlv(0x06, Uint8Array.from(bytes));
  }

  const utf8 = (text) => tlv(0x0c, new TextEncoder().encode(text));
  const NULL = Uint8Array.of(0x05, 0x00);
  const bitString = (bytes) => tlv(0x03, concat([Uint8Array.of(0), bytes]));

  const ALGORITHMS = {
    "ECDSA-P256": {
      generate: { name: "ECDSA", namedCurve: "P-256" },
      sign: { name: "ECDSA", hash: "SHA-256" },
      identifier: () => sequence(oid("1.2.840.10045.4.3.2")),  // ecdsa-with-SHA256
    },
    "RSA-2048": {
      generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1),
                  hash: "SHA-256" },
      sign: { name: "RSASSA-PKCS1-v1_5" },
      identifier: () => sequence(oid("1.2.840.113549.1.1.11"), NULL),  // sha256WithRSAEncryption
    },
  };

  // WebCrypto gives ECDSA signatures as r || s; X.509 wants SEQUENCE { r INTEGER, s INTEGER }.
  function ecdsaDer(raw) {
    const half = raw.length / 2;
    return sequence(integer(raw.slice(0, half)), integer(raw.slice(half)));
  }

  async function generateKeyPair(kind) {
    // Extractable, so that the applicant can save the private key as a PKCS#8 file.
    return crypto.subtle.generateKey(ALGORITHMS[kind].generate, true, ["sign", "verify"]);
  }

  async function buildRequest(keyPair, kind, commonName) {
    const algorithm = ALGORITHMS[kind];
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey));
    const subject = sequence(set(sequence(oid("2.5.4.3"), utf8(commonName))));
    const info = sequence(integer(Uint8Array.of(0)), subject, spki, tlv(0xa0, new Uint8Array(0)));
    let signature = new Uint8Array(await crypto.subtle.sign(algorithm.sign, keyPair.privateKey, info));
    if (kind.startsWith("ECDSA")) signature = ecdsaDer(signature);
    return sequence(info, algorithm.identifier(), bitString(signature));
  }

  function pem(der, label) {
    let binary = "";
    for (const b of der) binary += String.fromCharCode(b);
    const lines = btoa(binary).match(/.{1,64}/g).join("\n");
    return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
  }

  global.MadoguchiCsr = { generateKeyPair, buildRequest, pem, der: { sequence, set, integer, oid, utf8, tlv } };
})(window);
