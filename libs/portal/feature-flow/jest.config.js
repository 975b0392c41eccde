module.exports = require('../jest.portal.js')(__dirname, 'portal-feature-flow');
