// The first script of strict-csp.html (classic, not deferred): counts every Content Security
// Policy violation from the very start, before the widget loads, and shows them on the page.
{
  const violations = [];

  const show = () => {
    const counter = document.getElementById('csp-violations');
    if (!counter) return;
    counter.value = String(violations.length);
    counter.textContent = String(violations.length);
    counter.closest('.csp-count')?.classList.toggle('has-violations', violations.length > 0);
    const list = document.getElementById('csp-violation-list');
    list?.replaceChildren(
      ...violations.map((text) => {
        const item = document.createElement('li');
        item.textContent = text;
        return item;
      }),
    );
  };

  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      violations.push(
        `${event.effectiveDirective}: ${event.blockedURI || '(inline)'} ${event.sourceFile}:${event.lineNumber}`,
      );
      console.error(`CSP violation: ${violations.at(-1)}`);
      show();
    },
    true,
  );
  document.addEventListener('DOMContentLoaded', show);
}
