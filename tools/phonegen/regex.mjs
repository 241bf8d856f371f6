// Compiles the regular expressions of libphonenumber metadata into the
// bytecode that phone/src/matcher.rs runs. Only the subset the metadata uses
// is accepted (digits, \d, [classes], (?:groups), (captures), |, ?, {n},
// {n,m}, $); anything else throws, so a new metadata release that needs more
// fails loudly here instead of matching wrongly at run time.
//
// Bytecode (prefix form; the pattern's top level is an implicit group):
//   0..=9        a literal digit
//   10           \d
//   11 lo hi     a digit class: bit d of ((hi - 64) << 5 | (lo - 64)) set
//                when d matches (payload bytes stay in 64..96, so they never
//                look like the END_OF_REGEX terminator 17)
//   12           (?: opens a group
//   13           | separates alternatives
//   14           ) closes a group
//   15           $ end of input
//   16 min max A A repeated min..=max times (greedy), A being the next node;
//                min and max are stored plus 32
//   32 + i       ( opens capture group i (i < 16)
//   128 + n      \d{n}

export const OP = {
  ANY: 10, CLASS: 11, GROUP: 12, BAR: 13, CLOSE: 14, END: 15, REP: 16, CAPTURE: 32, ANY_N: 128,
};

/** Parses `source` into a small AST. */
export function parseRegex(source) {
  let i = 0;
  let captures = 0;
  const fail = (why) => {
    throw new Error(`unsupported regex (${why}) at ${i} in ${source}`);
  };
  const alternatives = () => {
    const alts = [sequence()];
    while (source[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts;
  };
  const sequence = () => {
    const items = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      items.push(quantified(atom()));
    }
    return items;
  };
  const atom = () => {
    const c = source[i];
    if (c === '(') {
      i++;
      let capture = -1;
      if (source.startsWith('?:', i)) i += 2;
      else if (source[i] === '?') fail('group kind');
      else capture = captures++;
      const alts = alternatives();
      if (source[i] !== ')') fail('unclosed group');
      i++;
      return { t: 'group', capture, alts };
    }
    if (c === '\\') {
      if (source[i + 1] !== 'd') fail('escape');
      i += 2;
      return { t: 'class', mask: 0x3ff };
    }
    if (c === '[') {
      i++;
      let mask = 0;
      while (source[i] !== ']') {
        if (i >= source.length) fail('unclosed class');
        if (source[i] === '\\' && source[i + 1] === 'd') {
          mask |= 0x3ff;
          i += 2;
          continue;
        }
        const lo = digit(source[i]);
        if (source[i + 1] === '-' && source[i + 2] !== ']') {
          const hi = digit(source[i + 2]);
          for (let d = lo; d <= hi; d++) mask |= 1 << d;
          i += 3;
        } else {
          mask |= 1 << lo;
          i++;
        }
      }
      i++;
      return { t: 'class', mask };
    }
    if (c >= '0' && c <= '9') {
      i++;
      return { t: 'class', mask: 1 << (c.charCodeAt(0) - 48) };
    }
    if (c === '$') {
      i++;
      return { t: 'end' };
    }
    return fail(`character ${JSON.stringify(c)}`);
  };
  const digit = (c) => {
    if (!(c >= '0' && c <= '9')) fail(`class member ${JSON.stringify(c)}`);
    return c.charCodeAt(0) - 48;
  };
  const quantified = (node) => {
    if (source[i] === '?') {
      i++;
      if (source[i] === '?' || source[i] === '+') fail('lazy quantifier');
      return { t: 'rep', min: 0, max: 1, node };
    }
    if (source[i] === '{') {
      const m = /^\{(\d+)(?:,(\d+))?\}/.exec(source.slice(i));
      if (!m) fail('quantifier');
      i += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : Number(m[2]);
      if (max > 200 || min > max) fail('quantifier range');
      return { t: 'rep', min, max, node };
    }
    if (source[i] === '*' || source[i] === '+') fail('unbounded quantifier');
    return node;
  };
  const alts = alternatives();
  if (i !== source.length) fail('trailing input');
  return { alts, captures };
}

/** Compiles `source` to bytecode (an array of bytes). */
export function compileRegex(source) {
  if (!source) return [];
  const { alts, captures } = parseRegex(source);
  if (captures > 9) throw new Error(`too many captures in ${source}`);
  const out = [];
  emitAlternatives(alts, out);
  return out;
}

function emitAlternatives(alts, out) {
  alts.forEach((seq, k) => {
    if (k > 0) out.push(OP.BAR);
    for (const node of seq) emit(node, out);
  });
}

function emit(node, out) {
  switch (node.t) {
    case 'class':
      emitClass(node.mask, out);
      return;
    case 'end':
      out.push(OP.END);
      return;
    case 'group':
      // A non-capturing group of one alternative needs no group at all.
      if (node.capture < 0 && node.alts.length === 1) {
        for (const n of node.alts[0]) emit(n, out);
        return;
      }
      out.push(node.capture < 0 ? OP.GROUP : OP.CAPTURE + node.capture);
      emitAlternatives(node.alts, out);
      out.push(OP.CLOSE);
      return;
    case 'rep': {
      const inner = node.node;
      if (inner.t === 'class' && inner.mask === 0x3ff && node.min === node.max && node.min < 128) {
        out.push(OP.ANY_N + node.min);
        return;
      }
      out.push(OP.REP, node.min + 32, node.max + 32);
      // The repeated node must be one node: wrap a bare sequence in a group.
      if (inner.t === 'group' && inner.capture < 0 && inner.alts.length === 1 && inner.alts[0].length !== 1) {
        out.push(OP.GROUP);
        for (const n of inner.alts[0]) emit(n, out);
        out.push(OP.CLOSE);
      } else {
        emit(inner, out);
      }
      return;
    }
    default:
      throw new Error(`unknown node ${node.t}`);
  }
}

function emitClass(mask, out) {
  if (mask === 0x3ff) out.push(OP.ANY);
  else if ((mask & (mask - 1)) === 0) out.push(Math.log2(mask));
  else out.push(OP.CLASS, (mask & 31) + 64, (mask >> 5) + 64);
}
