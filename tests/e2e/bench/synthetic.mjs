// The synthetic tenant the browser benchmarks drop: the shape of the engine
// benchmark's (internal domains, anti-spoofing policies for most of them,
// permitted-sender policies with source IPs, managed senders), as a bundle.

/** A bundle with `n` internal domains, policies and managed senders. */
export function synthetic(n) {
  const r = (k) => [...Array(n).keys()].map(k);
  return JSON.stringify({
    format: 'mimecast-config-bundle', version: 1, generatedAt: '2026-11-20T10:00:00Z',
    internalDomains: r((i) => ({ id: `d${i}`, domain: `d${i}.example`, sendOnly: false })),
    antiSpoofingPolicies: r((i) => i).filter((i) => i % 10 !== 0).map((i) => ({
      id: `a${i}`, description: `Anti-spoofing d${i}`, option: 'apply_non_mimecast',
      from: { type: 'email_domain', domain: `d${i}.example` }, to: { type: 'internal_addresses' }, enabled: true })),
    permittedSenderPolicies: r((i) => ({
      id: `p${i}`, description: `Vendor ${i}`, option: 'permit_sender',
      from: { type: 'email_domain', domain: `vendor${i}.example` }, to: { type: 'everyone' }, enabled: true,
      sourceIPs: [`198.51.${Math.floor(i / 256) % 256}.${i % 256}/32`] })),
    managedSenders: r((i) => ({ id: `m${i}`, to: 'a@d0.example', sender: `x${i}@partner.example`, type: 'Permit' })),
  });
}

/** The synthetic bundle closest to `bytes` long (its size grows linearly with n). */
export function syntheticOfSize(bytes) {
  const per = synthetic(1000).length / 1000;
  return synthetic(Math.max(1, Math.round(bytes / per)));
}
