// Open courses are read on phones over slow connections, often without JavaScript: plain HTML
// pages and forms, no client-side app (page weights in docs/open-courses.md).
export const csr = false;
