"use client";

/** Opens the browser's print dialog (save as PDF from there). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 print:hidden"
    >
      Print or save as PDF
    </button>
  );
}
