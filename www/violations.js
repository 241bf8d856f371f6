// Validation violations ({path, code, message}) shown next to their fields:
// each `.error` element names the paths it shows in `data-for`; the field it
// describes (aria-describedby) is marked aria-invalid. Paths no element
// names go to the element with data-for="*".

/** Removes every violation shown inside `root`. */
export function clearViolations(root) {
  for (const box of root.querySelectorAll('.error')) {
    box.textContent = '';
    const field = fieldOf(root, box);
    field?.removeAttribute('aria-invalid');
  }
}

/** Shows `violations` inside `root`; returns the first field marked (page order), to focus it. */
export function showViolations(root, violations) {
  for (const violation of violations) {
    const box = boxFor(root, violation.path ?? '');
    if (!box) continue;
    const line = document.createElement('span');
    line.textContent = violation.message ?? violation.code;
    box.append(line);
    const field = fieldOf(root, box);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      const details = field.closest('details');
      if (details) details.open = true;
    }
  }
  return root.querySelector('[aria-invalid="true"]');
}

function boxFor(root, path) {
  const boxes = [...root.querySelectorAll('.error[data-for]')];
  const names = (box) => box.dataset.for.split(' ');
  const top = path.split(/[.[]/)[0];
  return boxes.find((box) => names(box).includes(path))
    ?? boxes.find((box) => names(box).includes(top))
    ?? boxes.find((box) => names(box).includes('*'));
}

function fieldOf(root, box) {
  return box.id ? root.querySelector(`[aria-describedby~="${box.id}"]`) : null;
}
