// The outcome box under the forms (a live region): a title, a sentence and,
// once verified, the proof token for the app's server.

/** Empties the box. */
export function clearOutcome(box) {
  box.replaceChildren();
  box.className = 'outcome';
}

/** Shows an outcome of `kind` ("success" or "problem"); `proof` adds the token. */
export function showOutcome(box, kind, title, text, proof) {
  const heading = element('h2', title);
  const children = [heading, element('p', text)];
  if (proof) children.push(...proofField(proof));
  box.replaceChildren(...children);
  box.className = `outcome ${kind}`;
}

/** Shows something that went wrong and what to do about it. */
export function showProblem(box, title, text) {
  showOutcome(box, 'problem', title, text);
}

function proofField(proof) {
  const label = element('label', 'Proof token');
  label.htmlFor = 'proof';
  const field = document.createElement('textarea');
  field.id = 'proof';
  field.readOnly = true;
  field.rows = 4;
  field.spellcheck = false;
  field.value = proof;
  field.setAttribute('aria-describedby', 'proof-hint');
  const hint = element('p', 'Your server checks this signed token (EdDSA, keys at /.well-known/jwks.json) with verifyProof or any JOSE library before it trusts the number.');
  hint.id = 'proof-hint';
  hint.className = 'hint';
  return [label, field, hint];
}

function element(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}
