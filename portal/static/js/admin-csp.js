/* Wagtail's admin under the portal's Content-Security-Policy.
 *
 * Wagtail runs the inline scripts of the HTML it moves into the page later (a dialog taken out of its <template>,
 * a new inline form) by replacing each with a copy that has the same attributes. The browser hides a script's nonce
 * from its attributes once the script is in the page, so the copy would lose it and be refused. Here a script
 * that replaces another script takes over the nonce the browser kept for it (as jQuery does for the scripts it
 * runs): a script that had the page's nonce keeps it, and one that had none or a wrong one still runs nowhere.
 */
(function () {
  "use strict";
  var replaceWith = Element.prototype.replaceWith;
  Element.prototype.replaceWith = function () {
    if (this instanceof HTMLScriptElement && this.nonce) {
      for (var i = 0; i < arguments.length; i++) {
        var node = arguments[i];
        if (node instanceof HTMLScriptElement && !node.nonce) {
          node.nonce = this.nonce;
        }
      }
    }
    return replaceWith.apply(this, arguments);
  };
})();
