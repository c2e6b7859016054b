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

// A read-only field holding a link or token selects itself when focused, ready to copy.
function enhanceCopyFields(root) {
  for (const field of root.querySelectorAll("input.copy")) {
    field.addEventListener("focus", () => field.select());
  }
}

enhanceOrgChart(document);
enhanceCopyFields(document);
