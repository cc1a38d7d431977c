// One language of a message module: `../messages/x?locale=en` (./en.ts, ./ko.ts). Also in
// tsconfig.node.json, whose tests reach these modules through ../instance.ts.
declare module '*?locale=en' {
  export const en: import('../index').MessageTree
}
declare module '*?locale=ko' {
  export const ko: import('../index').MessageTree
}
