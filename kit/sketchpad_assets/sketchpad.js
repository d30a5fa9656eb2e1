// The Sketchpad's drawing surface (kit/sketchpad.py). Plain ES module for anywidget: no build step.
// Pointer events cover mouse, touch and pen; every control is a real <button> with words, 44 px or more.
const MAX_UNDO = 20;

function button(text, title) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.title = title || text;
  b.className = "kit-sketch-button";
  return b;
}

function render({ model, el }) {
  const labels = model.get("labels");
  const width = model.get("width"), height = model.get("height");
  const root = document.createElement("div");
  root.className = "kit-sketchpad";
  const tools = document.createElement("div");
  tools.className = "kit-sketch-tools";
  tools.setAttribute("role", "toolbar");
  tools.setAttribute("aria-label", labels.tools);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.className = "kit-sketch-canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", labels.canvas);
  const status = document.createElement("div");
  status.className = "kit-sketch-status";
  status.setAttribute("aria-live", "polite");
  const ctx = canvas.getContext("2d");
  let colour = model.get("colours")[0][0], brush = model.get("brushes")[0][1], erasing = false;
  let drawing = null, undo = [], timer = null, sending = false;

  function blank() {
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
  }
  function remember() {
    undo.push(ctx.getImageData(0, 0, width, height));
    if (undo.length > MAX_UNDO) undo.shift();
  }
  function send() {  // debounced: one PNG after the child lifts the pen, not one per movement
    clearTimeout(timer);
    timer = setTimeout(() => {
      canvas.toBlob(async (blob) => {
        const buffer = await blob.arrayBuffer();
        sending = true;
        model.set("png", new DataView(buffer));
        model.set("strokes", model.get("strokes") + 1);
        model.save_changes();
        sending = false;
        status.textContent = labels.saved;
      }, "image/png");
    }, 250);
  }
  function load() {
    const data = model.get("png");
    blank();
    if (!data || data.byteLength === 0) return;
    const bytes = data instanceof DataView ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data;
    const url = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
    const img = new Image();
    img.onload = () => { ctx.drawImage(img, 0, 0, width, height); URL.revokeObjectURL(url); };
    img.src = url;
  }
  function point(event) {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * width / box.width, (event.clientY - box.top) * height / box.height];
  }
  function dot(x, y) {
    ctx.fillStyle = erasing ? "#ffffff" : colour;
    ctx.beginPath();
    ctx.arc(x, y, brush / 2, 0, Math.PI * 2);
    ctx.fill();
  }
  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    remember();
    drawing = point(event);
    dot(...drawing);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const next = point(event);
    ctx.strokeStyle = erasing ? "#ffffff" : colour;
    ctx.lineWidth = brush;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(...drawing);
    ctx.lineTo(...next);
    ctx.stroke();
    drawing = next;
  });
  const end = () => { if (drawing) { drawing = null; send(); } };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const group = [];
  function choose(chosen) {
    for (const b of group) b.setAttribute("aria-pressed", String(b === chosen));
  }
  for (const [value, text] of model.get("colours")) {
    const b = button(text);
    b.style.borderLeft = `14px solid ${value}`;
    b.addEventListener("click", () => { colour = value; erasing = false; choose(b); });
    group.push(b);
    tools.appendChild(b);
  }
  const eraser = button(labels.eraser);
  eraser.addEventListener("click", () => { erasing = true; choose(eraser); });
  group.push(eraser);
  tools.appendChild(eraser);
  choose(group[0]);
  const sizes = [];
  for (const [text, size] of model.get("brushes")) {
    const b = button(text);
    b.addEventListener("click", () => {
      brush = size;
      for (const s of sizes) s.setAttribute("aria-pressed", String(s === b));
    });
    sizes.push(b);
    tools.appendChild(b);
  }
  sizes[0].setAttribute("aria-pressed", "true");
  const back = button(labels.undo);
  back.addEventListener("click", () => {
    if (!undo.length) { status.textContent = labels.nothing_to_undo; return; }
    ctx.putImageData(undo.pop(), 0, 0);
    send();
  });
  const clear = button(labels.clear);
  clear.addEventListener("click", () => { remember(); blank(); send(); });
  tools.append(back, clear);

  model.on("change:png", () => { if (!sending) load(); });
  load();
  root.append(tools, canvas, status);
  el.appendChild(root);
  return () => clearTimeout(timer);
}

export default { render };
