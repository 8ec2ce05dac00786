/* Starts the vendored Swagger UI with the settings the page carries; no inline script, nothing from a CDN. */
(function () {
  "use strict";
  var data = document.body.dataset;
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  if (data.apiCsrf && data.csrfToken) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = data.csrfToken;
      return request;
    };
  }
  window.ui = SwaggerUIBundle(config);
})();
