"""Sums a `perf record --call-graph dwarf` profile of `pactbot serve` by
category (bench/endpoint-profile.sh): self time by what the symbol belongs
to, and the inclusive share of the syscalls and of the request log.

Usage: python3 bench/profile_breakdown.py perf.data
"""
import subprocess, sys, re, collections
data = sys.argv[1]
def rep(children):
    args = ['perf','report','-i',data,'--sort','sym','-g','none','--percent-limit','0']
    args.append('--children' if children else '--no-children')
    out = subprocess.run(args, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        if line.startswith('#') or '%' not in line: continue
        m = re.match(r'\s*([\d.]+)%\s+(?:([\d.]+)%\s+)?\[(.)\]\s+(.*)', line)
        if not m: continue
        rows.append((float(m.group(1)), m.group(3), m.group(4).strip()))
    return rows
inc = {sym: p for p, k, sym in rep(True)}
def I(pat):
    return max([p for s, p in inc.items() if re.search(pat, s)] or [0.0])
selfrows = rep(False)
cats = collections.OrderedDict([
  ('verify (curve25519 + sha512)', r'curve25519|sha2::|sha512|ed25519'),
  ('serde_json', r'serde_json|serde_core|serde::'),
  ('hyper', r'hyper|httparse|http::'),
  ('axum / tower', r'axum|tower'),
  ('tokio', r'tokio|mio'),
  ('tracing (formatting)', r'tracing|fmt::|core::fmt'),
  ('metrics', r'prometheus'),
  ('malloc / memcpy', r'malloc|_int_free|free|memmove|memcpy|memset|unlink_chunk|cfree|realloc'),
  ('pactbot (answer, cache, parse)', r'pactbot|quick_cache|hashbrown|rustc_hash'),
  ('bytes', r'bytes::'),
])
tot = collections.OrderedDict((c, 0.0) for c in cats)
tot['kernel (all)'] = 0.0; tot['other user'] = 0.0
other = collections.Counter()
for p, k, sym in selfrows:
    if k == 'k': tot['kernel (all)'] += p; continue
    for c, pat in cats.items():
        if re.search(pat, sym): tot[c] += p; break
    else:
        tot['other user'] += p; other[sym] += p
print('self time by category (% of server CPU samples):')
for c, p in tot.items(): print(f'  {c:40s} {p:5.1f}')
print('inclusive:')
for name, pat in [('writev (send responses, incl. loopback delivery)', r'^__GI___writev$|^do_writev$'),
                  ('recv (read requests)', r'^__x64_sys_recvfrom$'),
                  ('epoll_wait', r'^__x64_sys_epoll_wait$'),
                  ('log thread (batch writer)', r'write_batches'),
                  ('log writes to stderr (write syscall)', r'^ksys_write$'),
                  ('tracing event (format + into the batch)', r'fmt::Subscriber.*::event$'),
                  ('futex (wake-ups)', r'^__x64_sys_futex$'),
                  ('scheduler switches', r'^__schedule$')]:
    print(f'  {name:55s} {I(pat):5.1f}')
print('top other user:', other.most_common(8))
