// Progressive enhancement only: every page works without this script.
// Org chart: opening a person loads the people who report to them in place, instead of
// following the link to their team page.

function enhanceOrgChart(root) {
  for (const details of root.querySelectorAll("details[data-children]")) {
    if (details.dataset.enhanced) continue;
    details.dataset.enhanced = "1";
    details.addEventListener("toggle", async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      const holder = details.querySelector(".org-children");
      holder.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(details.dataset.children, { headers: { Accept: "text/html" } });
        if (!response.ok) throw new Error(String(response.status));
        holder.innerHTML = await response.text();
        enhanceOrgChart(holder);
      } catch {
        delete details.dataset.loaded;
      } finally {
        holder.removeAttribute("aria-busy");
      }
    });
  }
}

// A time-zone field offers the list of zones to pick from as one types (without the script,
// the zone is typed and checked by the server).
async function enhanceTimeZones(root) {
  const fields = root.querySelectorAll("input[data-zones]");
  if (fields.length === 0 || document.getElementById("time-zones")) return;
  try {
    const response = await fetch(fields[0].dataset.zones);
    if (!response.ok) return;
    const list = document.createElement("datalist");
    list.id = "time-zones";
    for (const zone of (await response.text()).split("\n")) {
      const option = document.createElement("option");
      option.value = zone;
      list.append(option);
    }
    document.body.append(list);
  } catch {
    // The field stays a plain text field.
  }
}

// A read-only field holding a link or token selects itself when focused, ready to copy.
function enhanceCopyFields(root) {
  for (const field of root.querySelectorAll("input.copy")) {
    field.addEventListener("focus", () => field.select());
  }
}

enhanceOrgChart(document);
enhanceCopyFields(document);
enhanceTimeZones(document);

// Documents (notes, prep answers, boundaries) save themselves a moment after typing stops.
// If someone else saved a newer version meanwhile, the server refuses the save; the form is
// then submitted the ordinary way, which shows both versions side by side.
function enhanceAutosave(root) {
  for (const form of root.querySelectorAll("form[data-autosave]")) {
    const status = form.querySelector(".autosave-status");
    const revision = form.querySelector("input[name=revision]");
    let timer = null;
    let saving = false;
    let again = false;
    const save = async () => {
      if (saving) {
        again = true;
        return;
      }
      saving = true;
      again = false;
      status.textContent = "Saving…";
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (response.status === 409) {
          form.submit();
          return;
        }
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
          status.textContent = answer.message || "Not saved. Use the Save button to see why.";
          return;
        }
        revision.value = answer.revision;
        status.textContent = answer.status;
      } catch {
        status.textContent = "Not saved: the connection dropped. Your text is still here.";
      } finally {
        saving = false;
        if (again) schedule();
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    };
    form.addEventListener("input", schedule);
  }
}

enhanceAutosave(document);
