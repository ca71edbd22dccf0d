// Swagger UI over this service's own OpenAPI description (bundled from npm, no CDN).
const root = document.getElementById("swagger-ui");
window.SwaggerUIBundle({ url: root.dataset.openapi, domNode: root, deepLinking: true });
