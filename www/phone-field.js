// The "Country" select and the "Phone number" field: every region with its
// name and calling code, formatting as the person types (caret kept, pasted
// numbers accepted), and the parsed number for the rest of the page.
import { AsYouType, parsePhone, phoneRegions } from './pkg/verify8x8.js';

/**
 * Wires `select` and `input`; calls `onChange(parsed)` after every change,
 * with the parsePhone result of the field (null when it is empty).
 */
export function phoneField({ select, input, onChange }) {
  fillCountries(select);
  let formatter = new AsYouType(select.value);
  let before = input.value;

  const parse = () => (input.value.trim() ? parsePhone(input.value, select.value) : null);
  const update = () => {
    const parsed = parse();
    // A number typed with "+44 ..." shows its own country in the select.
    if (parsed?.region && parsed.region !== select.value && input.value.trim().startsWith('+')) {
      select.value = parsed.region;
    }
    before = input.value;
    onChange(parsed);
  };

  input.addEventListener('input', (event) => {
    dropDigitBehindSeparator(input, before, event.inputType);
    const caret = input.selectionStart ?? input.value.length;
    const result = formatter.input(input.value, caret);
    input.value = result.text;
    if (document.activeElement === input) input.setSelectionRange(result.caret, result.caret);
    update();
  });

  select.addEventListener('change', () => {
    formatter.free();
    formatter = new AsYouType(select.value);
    if (input.value) input.value = formatter.input(input.value).text;
    update();
  });

  return { parse };
}

/** Fills the select: regions by name in the page's language, default from the browser's. */
function fillCountries(select) {
  const names = new Intl.DisplayNames(navigator.languages, { type: 'region' });
  const nameOf = (region) => {
    try {
      return names.of(region) ?? region;
    } catch {
      return region;
    }
  };
  const regions = phoneRegions()
    .filter((r) => /^[A-Z]{2}$/.test(r.region))
    .map((r) => ({ ...r, name: nameOf(r.region) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const { region, callingCode, name } of regions) {
    select.add(new Option(`${name} (+${callingCode})`, region));
  }
  const preferred = browserRegion();
  select.value = regions.some((r) => r.region === preferred) ? preferred : 'US';
}

function browserRegion() {
  for (const tag of navigator.languages ?? [navigator.language]) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region) return region;
    } catch {
      // An odd language tag: try the next one.
    }
  }
  return 'US';
}

/**
 * Backspace (or Delete) on a space or bracket the formatter put there would
 * come straight back: remove the digit next to it instead.
 */
function dropDigitBehindSeparator(input, before, inputType) {
  const digits = (text) => text.replace(/\D/g, '');
  if (digits(input.value) !== digits(before)) return;
  const caret = input.selectionStart ?? 0;
  const text = input.value;
  if (inputType === 'deleteContentBackward') {
    const at = lastDigitBefore(text, caret);
    if (at >= 0) setText(input, text.slice(0, at) + text.slice(at + 1), at);
  } else if (inputType === 'deleteContentForward') {
    const offset = text.slice(caret).search(/\d/);
    if (offset >= 0) setText(input, text.slice(0, caret + offset) + text.slice(caret + offset + 1), caret);
  }
}

function lastDigitBefore(text, caret) {
  for (let i = caret - 1; i >= 0; i -= 1) if (/\d/.test(text[i])) return i;
  return -1;
}

function setText(input, text, caret) {
  input.value = text;
  input.setSelectionRange(caret, caret);
}
