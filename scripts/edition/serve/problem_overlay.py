"""The problems of a failed build, shown in the browser over the page the editor is looking at.

While ``mkdocs serve`` runs, a rebuild that fails puts this overlay on the last good pages
(see ``serving.py``): a modal ``<dialog>`` listing every problem with its file, line, note, what
is wrong and what to do, in the words of ``scripts.check``. Esc or its button hides it; the next
rebuild replaces it, and a good build takes it away. Plain HTML, a few lines of CSS and of script,
nothing fetched from anywhere.
"""

from __future__ import annotations

import html

from ..problems import MAX_MESSAGE, EditionError, Problem, shorten

OVERLAY_ID = "edition-problems"

_STYLE = """
#edition-problems{max-width:min(60rem,94vw);max-height:86vh;padding:0;border:2px solid #b00020;
border-radius:.4rem;color:#1a1a1a;background:#fff;font:15px/1.45 system-ui,sans-serif;
box-shadow:0 .5rem 2rem #0006}
#edition-problems::backdrop{background:#0005}
#edition-problems header{display:flex;gap:1rem;align-items:baseline;justify-content:space-between;
padding:.8rem 1.2rem;background:#b00020;color:#fff}
#edition-problems h2{margin:0;font-size:1.1rem;color:inherit}
#edition-problems button{font:inherit;padding:.2rem .7rem;border:1px solid #fff;border-radius:.3rem;
background:transparent;color:inherit;cursor:pointer}
#edition-problems button:focus-visible{outline:3px solid #ffd54f;outline-offset:2px}
#edition-problems .edition-problems-body{padding:.4rem 1.2rem 1rem;overflow:auto}
#edition-problems ol{margin:.4rem 0;padding-left:1.6rem}
#edition-problems li{margin:.6rem 0}
#edition-problems code{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f3f3f3;
padding:0 .25rem;border-radius:.2rem;white-space:pre-wrap}
#edition-problems .edition-problem-hint{margin:.15rem 0 0;color:#2e5d2e}
#edition-problems .edition-problems-help{margin:.4rem 0;color:#555}
"""

# Opens the dialog as a modal (Esc closes it natively). Where the page came without MkDocs'
# live-reload script (a 404 page), look for the page again every second and reload once it is back.
_SCRIPT = """
(function () {
  var box = document.getElementById("edition-problems");
  if (!box) return;
  if (box.showModal && !box.open) box.showModal();
  window.addEventListener("load", function () {
    if (typeof livereload !== "undefined") return;  // MkDocs' script reloads this page
    setInterval(function () {
      fetch(location.href, {method: "HEAD", cache: "no-store"}).then(function (r) {
        if (r.ok) location.reload();
      });
    }, 1000);
  });
})();
"""


def problems_of(error: BaseException, logged: list[str]) -> list[Problem | str]:
    """What to show for a failed build: the edition's problems (the same ones ``scripts.check``
    reports) if the failure came from them, anywhere in the chain of exceptions MkDocs raised on
    the way out; otherwise what MkDocs logged as warnings and errors, or the error itself."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, EditionError):
            return list(current.problems)
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    shown = [line for line in dict.fromkeys(logged) if line.strip()]
    return shown or [f"{type(error).__name__}: {error}"]


def _item(problem: Problem | str) -> str:
    """One problem exactly as the terminal shows it (the same neutraliser, the same cut), as text."""
    if isinstance(problem, str):
        return f"<li><code>{html.escape(shorten(problem, MAX_MESSAGE))}</code></li>"
    headline = problem.headline()
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    shown_where = shorten(where, MAX_MESSAGE)
    if headline.startswith(shown_where + ":"):  # the place in code type, the rest as it is
        place, what = shown_where, headline[len(shown_where) + 1:].lstrip(" ")
    else:
        place, what = "", headline
    hint = (f'<p class="edition-problem-hint">→ {html.escape(problem.advice())}</p>'
            if problem.hint else "")
    code = f'<code class="edition-problem-where">{html.escape(place)}</code>: ' if place else ""
    return f'<li class="edition-problem">{code}<span class="edition-problem-what">{html.escape(what)}</span>{hint}</li>'


def overlay_html(problems: list[Problem | str]) -> str:
    """The overlay for these problems: a ``<dialog>`` with its style and script, to end a page's body."""
    count = len(problems)
    title = f"The build failed: {count} problem{'s' if count != 1 else ''}"
    items = "\n".join(_item(problem) for problem in problems)
    return f"""<dialog id="{OVERLAY_ID}" aria-labelledby="{OVERLAY_ID}-title">
<header><h2 id="{OVERLAY_ID}-title">{html.escape(title)}</h2>
<form method="dialog"><button type="submit" autofocus>Hide (Esc)</button></form></header>
<div class="edition-problems-body">
<ol>
{items}
</ol>
<p class="edition-problems-help">Fix them and save: this page updates by itself, and this box goes
away after a good build. Under it is the page as last built without problems.
<code>python3 scripts/dev.py check</code> lists the same problems in the terminal.</p>
</div>
</dialog>
<style>{_STYLE}</style>
<script>{_SCRIPT}</script>
"""


def with_overlay(page: str, overlay: str) -> str:
    """The page with the overlay at the end of its body."""
    at = page.rfind("</body>")
    return page + overlay if at < 0 else page[:at] + overlay + page[at:]
