// Starts GraphiQL on the page at /graphql (sozialplanung/pages.py) with the vendored scripts
// loaded before it. A file, not an inline script, so that the page's Content-Security-Policy
// can allow scripts from this service only.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  // The page is served at the API's own URL: queries go there, subscriptions to the same
  // path over ws:// or wss:// (whichever matches how the page was loaded).
  var url = location.origin + location.pathname;
  var subscriptionUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host +
    location.pathname;
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: subscriptionUrl });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      defaultQuery: root.dataset.defaultQuery,
      // Users paste {"Authorization": "Bearer sp_…"} here; GraphiQL sends the headers with
      // every request and, for subscriptions, in graphql-transport-ws' connection_init.
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: "headers",
      // A token is a password: GraphiQL keeps it in the page only, not in localStorage
      // (after a reload it is pasted again).
      shouldPersistHeaders: false,
      inputValueDeprecation: true,
    })
  );
})();
