// `scim-conform profiles init`: a starting profile to edit, the same one the README shows
// (a test holds the two equal). Every field is explained in schemas/profile.schema.json.

export const profileTemplate = `{
  "$schema": "./node_modules/scim-conform/schemas/profile.schema.json",
  "name": "my-app",
  "title": "My App: userName, work email, name, active and the enterprise department",
  "source": { "document": "My App's attribute mapping in Entra", "mappingTable": "Entra > Enterprise applications > My App > Provisioning > Mappings", "confidence": "exact-text" },
  "connectorProtocol": "scim",
  "dialect": "entra",
  "provisions": ["User", "Group"],
  "matching": { "user": "userName", "group": "displayName" },
  "user": [
    { "path": "userName", "type": "String", "filterable": true, "required": true, "matchingPrecedence": 1 },
    { "path": "active", "type": "Boolean", "filterable": false, "required": false },
    { "path": "emails[type eq \\"work\\"].value", "type": "String", "filterable": true, "required": false },
    { "path": "name.givenName", "type": "String", "filterable": false, "required": false },
    { "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "type": "String", "filterable": false, "required": false }
  ],
  "group": [
    { "path": "displayName", "type": "String", "filterable": true, "required": true, "matchingPrecedence": 1 },
    { "path": "members", "type": "Reference", "filterable": false, "required": false }
  ],
  "auth": { "kind": "bearer", "credentials": ["Tenant URL", "Secret Token"] }
}
`
