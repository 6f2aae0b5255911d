/* Starts Swagger UI on /docs from the files served beside it: no CDN, so /docs works offline. */
window.addEventListener("load", function () {
  "use strict";
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
