// Entry point bundled by scripts/build_assets.sh (esbuild) into static/vendor/codemirror.js:
// CodeMirror 6 with the SPARQL mode from @codemirror/legacy-modes. Served locally, no CDN.
import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

/** A SPARQL editor in `parent` holding `doc`; Ctrl/Cmd-Enter calls `onRun`. `styleNonce` is the page's
 * Content-Security-Policy nonce for the <style> elements CodeMirror injects (no 'unsafe-inline'). */
export function createEditor(parent, doc, onRun, styleNonce) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        ...(styleNonce ? [EditorView.cspNonce.of(styleNonce)] : []),
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        StreamLanguage.define(sparql),
        syntaxHighlighting(defaultHighlightStyle),
        EditorView.lineWrapping,
        keymap.of([
          { key: "Mod-Enter", run: () => { onRun(); return true; } },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
      ],
    }),
  });
}

/** Replace the whole text of the editor. */
export function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
