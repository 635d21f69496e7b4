/* The application page: make the key pair in the browser, build the CSR, offer the private key. */
"use strict";
(function () {
  const button = document.getElementById("generate");
  if (!button) return;
  const reference = document.getElementById("reference").dataset.reference;

  function keepInBrowser(record) {
    // The key pair is also kept in this browser's IndexedDB (CryptoKey objects, per reference).
    if (!window.indexedDB) return;
    const open = indexedDB.open("madoguchi-keys", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("keys", { autoIncrement: true });
    open.onsuccess = () => {
      const tx = open.result.transaction("keys", "readwrite");
      tx.objectStore("keys").add(record);
    };
  }

  async function hex(buffer) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  button.addEventListener("click", async () => {
    if (!window.crypto || !crypto.subtle) {
      document.getElementById("no-webcrypto").hidden = false;
      return;
    }
    button.disabled = true;
    try {
      const kind = document.getElementById("key-algorithm").value;
      const keys = await MadoguchiCsr.generateKeyPair(kind);
      const request = await MadoguchiCsr.buildRequest(keys, kind, reference);
      document.getElementById("csr").value = MadoguchiCsr.pem(request, "CERTIFICATE REQUEST");
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
      const blob = new Blob([MadoguchiCsr.pem(pkcs8, "PRIVATE KEY")], { type: "application/x-pem-file" });
      const save = document.getElementById("save-key");
      save.href = URL.createObjectURL(blob);
      save.download = `${reference}-private-key.pem`;
      const spki = await crypto.subtle.exportKey("spki", keys.publicKey);
      document.getElementById("key-fingerprint").textContent = await hex(spki);
      document.getElementById("key-done").hidden = false;
      keepInBrowser({ reference, kind, created: new Date().toISOString(), keys });
      window.madoguchiKeyPair = keys;
    } finally {
      button.disabled = false;
    }
  });
})();
