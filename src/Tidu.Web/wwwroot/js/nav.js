// The menu's groups are <details>: open one and the others close; a click elsewhere closes them all.
document.addEventListener('click', (event) => {
  for (const group of document.querySelectorAll('nav.menu details[open]')) {
    if (!group.contains(event.target)) {
      group.removeAttribute('open');
    }
  }
});
