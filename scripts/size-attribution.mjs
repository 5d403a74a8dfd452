// Marginal gzip bytes per source group of a built bundle: node scripts/size-attribution.mjs dist/cassa.js
import fs from 'node:fs';
import zlib from 'node:zlib';
const file = process.argv[2];
const map = JSON.parse(fs.readFileSync(file + '.map'));
const code = fs.readFileSync(file, 'utf8');
const lines = code.split('\n');
const B = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function dec(s) {
  const r = [];
  let v = 0,
    sh = 0;
  for (const c of s) {
    let d = B.indexOf(c);
    const cont = d & 32;
    d &= 31;
    v += d << sh;
    if (cont) {
      sh += 5;
    } else {
      r.push(v & 1 ? -(v >>> 1) : v >>> 1);
      v = 0;
      sh = 0;
    }
  }
  return r;
}
let src = 0;
const keyOf = (n) => {
  n = n
    .replace(/.*node_modules\//, 'nm:')
    .replace(/.*work\/main\//, '')
    .replace(/^(\.\.\/)+/, '');
  return n.startsWith('nm:')
    ? n
        .split('/')
        .slice(0, n.startsWith('nm:@') ? 2 : 1)
        .join('/')
    : n.startsWith('src/i18n')
      ? n
      : n.split('/').slice(0, 2).join('/');
};
const ranges = {};
map.mappings.split(';').forEach((line, li) => {
  let col = 0;
  const segs = line.split(',').filter(Boolean).map(dec);
  segs.forEach((s, i) => {
    col += s[0];
    if (s.length > 1) src += s[1];
    const next = i + 1 < segs.length ? col + segs[i + 1][0] : (lines[li] || '').length;
    const k = keyOf(map.sources[src]);
    (ranges[k] ??= []).push([li, col, next]);
  });
});
const total = zlib.gzipSync(code, { level: 9 }).length;
const out = [];
for (const [k, rs] of Object.entries(ranges)) {
  const L = lines.map((l) => l.split(''));
  for (const [li, a, b] of rs) {
    for (let c = a; c < b; c++) L[li][c] = '';
  }
  const g = zlib.gzipSync(L.map((l) => l.join('')).join('\n'), { level: 9 }).length;
  out.push([total - g, k]);
}
out.sort((a, b) => b[0] - a[0]);
console.log('total gz', total);
let sum = 0;
for (const [d, k] of out) {
  sum += d;
  console.log(String(d).padStart(7), k);
}
console.log('sum', sum);
