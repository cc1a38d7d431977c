/** Region of every function (Seoul: closest to the users). */
export const REGION = 'asia-northeast3'
