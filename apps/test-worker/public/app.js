// The chat page: sends the conversation to /api/chat and shows the answer as its
// server-sent events arrive: text, reasoning, tool calls with their arguments and
// results, usage and the finish reason; a stream that fails shows its error event.
const $ = (id) => document.getElementById(id);
const transcript = $("transcript");
const history = [];

async function loadModels() {
  const response = await fetch("/api/models?task=chat");
  const { models } = await response.json();
  const select = $("model");
  for (const model of models) {
    const option = new Option(`${model.id}${model.tools ? " · tools" : ""}`, model.id);
    select.append(option);
  }
  const preferred = models.find((m) => m.id === "@cf/meta/llama-4-scout-17b-16e-instruct");
  if (preferred) select.value = preferred.id;
}

function turn(role) {
  const node = document.createElement("section");
  node.className = `turn ${role}`;
  node.innerHTML = `<div class="role">${role}</div>`;
  transcript.append(node);
  return node;
}

function add(parent, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  parent.append(node);
  return node;
}

/** Reads a server-sent-event stream: yields `{ event, data }` with the data parsed as JSON. */
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      const text = data.join("\n");
      // The stream ends with `data: [DONE]`, as Workers AI's do.
      if (data.length && text !== "[DONE]") yield { event, data: JSON.parse(text) };
      end = buffer.indexOf("\n\n");
    }
  }
}

async function send(prompt) {
  history.push({ role: "user", content: prompt });
  add(turn("user"), "div", "text", prompt);
  const node = turn("assistant");
  node.dataset.state = "streaming";
  let text = null;
  let reasoning = null;
  const meta = add(node, "div", "meta");
  const response = await fetch("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: $("model").value, messages: history, tools: $("tools").checked }),
  });
  if (!response.ok || !response.body) {
    const problem = await response.json().catch(() => ({}));
    add(node, "div", "error", `${response.status} ${problem.title ?? ""}: ${problem.detail ?? ""}`);
    node.dataset.state = "error";
    return;
  }
  let answer = "";
  for await (const { event, data } of events(response.body)) {
    if (event === "error") {
      add(node, "div", "error", `${data.name}${data.code ? ` ${data.code}` : ""}: ${data.message}`);
      node.dataset.state = "error";
      continue;
    }
    switch (data.type) {
      case "reasoning-delta":
        if (!reasoning) {
          const details = add(node, "details", "reasoning");
          details.open = true;
          add(details, "summary", "", "Reasoning");
          reasoning = add(details, "div", "text", "");
          node.insertBefore(details, meta);
        }
        reasoning.textContent += data.text;
        break;
      case "text-delta":
        if (!text) {
          text = add(node, "div", "text", "");
          node.insertBefore(text, meta);
        }
        text.textContent += data.text;
        answer += data.text;
        break;
      case "tool-call": {
        const call = add(node, "div", "tool");
        call.dataset.toolCall = data.name;
        call.innerHTML = `<b></b>(<span class="args"></span>)`;
        call.querySelector("b").textContent = data.name;
        call.querySelector(".args").textContent = JSON.stringify(
          data.arguments ?? data.rawArguments,
        );
        node.insertBefore(call, meta);
        text = null;
        break;
      }
      case "tool-result": {
        const calls = node.querySelectorAll(`.tool[data-tool-call="${CSS.escape(data.name)}"]`);
        const call = calls[calls.length - 1] ?? add(node, "div", "tool");
        add(call, "div", "result", `→ ${JSON.stringify(data.result)}`);
        break;
      }
      case "usage":
        add(
          meta,
          "span",
          "",
          `tokens: ${data.promptTokens ?? "?"} in, ${data.completionTokens ?? "?"} out`,
        );
        break;
      case "finish":
        add(meta, "span", "finish", `finish: ${data.reason}`);
        break;
    }
    transcript.scrollTop = transcript.scrollHeight;
  }
  history.push({ role: "assistant", content: answer });
  if (node.dataset.state !== "error") node.dataset.state = "done";
}

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const prompt = $("prompt").value.trim();
  if (!prompt) return;
  $("prompt").value = "";
  $("send").disabled = true;
  try {
    await send(prompt);
  } finally {
    $("send").disabled = false;
  }
});
$("prompt").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
});
loadModels();
