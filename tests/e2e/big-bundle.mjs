// The big tenant of the end-to-end tests: a valid bundle of a given size
// (a few hundred domains and policies, and as many managed senders as fill
// the rest), the same on every run.

/** A valid bundle of about `bytes` bytes: a few domains and policies, and
 *  as many managed senders as fill the rest. */
export function bigBundle(bytes) {
  const n = 200;
  const r = (count, f) => Array.from({ length: count }, (_, i) => f(i));
  const head = {
    format: 'mimecast-config-bundle', version: 1, generatedAt: '2026-11-20T10:00:00Z',
    internalDomains: r(n, (i) => ({ id: `d${i}`, domain: `d${i}.example`, sendOnly: false })),
    antiSpoofingPolicies: r(n, (i) => ({
      id: `a${i}`, description: `Anti-spoofing d${i}`, option: 'apply_non_mimecast',
      from: { type: 'email_domain', domain: `d${i}.example` }, to: { type: 'internal_addresses' }, enabled: true })),
    permittedSenderPolicies: r(n, (i) => ({
      id: `p${i}`, description: `Vendor ${i}`, option: 'permit_sender',
      from: { type: 'email_domain', domain: `vendor${i}.example` }, to: { type: 'everyone' }, enabled: true })),
  };
  const parts = [JSON.stringify(head).slice(0, -1), ',"managedSenders":['];
  let size = parts[0].length + parts[1].length;
  for (let i = 0; size < bytes; i++) {
    const entry = JSON.stringify({ id: `m${i}`, to: `user${i % 977}@d${i % n}.example`, sender: `sender${i}@partner${i % 5000}.example`, type: 'Permit' });
    parts.push(i ? `,${entry}` : entry);
    size += entry.length + 1;
  }
  parts.push(']}');
  return parts.join('');
}
