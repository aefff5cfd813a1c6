// Scrollytelling with Tension Map's step API: as each step of the story reaches the middle
// of the screen, the embedded map is told where to go with a `tension-map:set` message.
const frame = document.getElementById('story-map');
const steps = [...document.querySelectorAll('.step')];
let current = null;
let mapReady = false;

function commandFor(step) {
  const { date, view, select } = step.dataset;
  return { type: 'tension-map:set', date, view, select };
}

function activate(step) {
  if (step === current) return;
  current = step;
  for (const other of steps) other.classList.toggle('active', other === step);
  if (mapReady) frame.contentWindow.postMessage(commandFor(step), location.origin);
}

// The map says when it is ready; a step reached before that is sent then.
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
  if (event.data?.type === 'tension-map:ready') {
    mapReady = true;
    if (current) frame.contentWindow.postMessage(commandFor(current), location.origin);
  }
});

const observer = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) if (entry.isIntersecting) activate(entry.target);
  },
  { rootMargin: '-45% 0px -45% 0px' },
);
for (const step of steps) observer.observe(step);
