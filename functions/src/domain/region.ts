/** Region of every function (Seoul: closest to the users); the client calls the same one. */
export const REGION = 'asia-northeast3'
