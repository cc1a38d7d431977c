/** sessionStorage key: the account was just deleted (the login page says so once). */
export const ACCOUNT_DELETED_KEY = 'marketchat.accountDeleted'
