// Chat features of issue 13: read counts, replies, reactions, edits, mute, block and report.
export const en = {
  chat: {
    mute: 'Mute',
    unmute: 'Unmute',
    openItem: 'Go to the item',
    access: 'Access',
    openToAll: 'Anyone can join',
    save: 'Save',
    editing: 'Editing your message (Esc to cancel)',
    replyingTo: 'Replying to {name}:',
    editFailed: 'Could not edit the message (edits are possible for 15 minutes).',
    reactFailed: 'Could not change the reaction.',
    originalGone: 'The original message is no longer available.',
    unreadBy: '{count} member has not read this | {count} members have not read this',
    edited: 'edited',
    actions: 'More actions',
    reactions: 'Reactions',
    reactionCount: '{emoji} {count}',
    react: 'React',
    reply: 'Reply',
    edit: 'Edit',
    skip: 'Skip to content',
  },
  reactions: {
    like: 'Like',
    love: 'Love',
    laugh: 'Funny',
    wow: 'Surprised',
    sad: 'Sad',
    pray: 'Thanks',
  },
  block: {
    action: 'Block',
    member: 'Block {name}',
    confirm:
      'Block {name}? Their messages will be hidden for you and they leave the chats of your items for good.',
    failed: 'Could not block.',
    tooMany:
      'You blocked many people this hour. Try again in {minutes} minute. | You blocked many people this hour. Try again in {minutes} minutes.',
    hidden: 'Message from a blocked person.',
    show: 'Show',
    title: 'Blocked people',
    empty: 'You have not blocked anyone.',
    unblock: 'Unblock',
    refused: 'The seller is not taking messages from you.',
  },
  account: {
    guestLogOutConfirm:
      'You are a guest: logging out deletes this guest account and its chats for good. Log out?',
    deleted: 'Your account was deleted.',
  },
  report: {
    action: 'Report',
  },
}

export const ko: typeof en = {
  chat: {
    mute: '알림 끄기',
    unmute: '알림 켜기',
    openItem: '상품 보러 가기',
    access: '입장',
    openToAll: '누구나 들어올 수 있음',
    save: '저장',
    editing: '메시지 수정 중 (Esc로 취소)',
    replyingTo: '{name}님에게 답장:',
    editFailed: '메시지를 수정하지 못했습니다 (보낸 뒤 15분까지 수정할 수 있습니다).',
    reactFailed: '공감을 바꾸지 못했습니다.',
    originalGone: '원래 메시지를 볼 수 없습니다.',
    unreadBy: '{count}명이 아직 읽지 않았습니다',
    edited: '수정됨',
    actions: '더보기',
    reactions: '공감',
    reactionCount: '{emoji} {count}',
    react: '공감하기',
    reply: '답장',
    edit: '수정',
    skip: '본문으로 건너뛰기',
  },
  reactions: {
    like: '좋아요',
    love: '하트',
    laugh: '웃겨요',
    wow: '놀라워요',
    sad: '슬퍼요',
    pray: '고마워요',
  },
  block: {
    action: '차단',
    member: '{name}님 차단',
    confirm:
      '{name}님을 차단할까요? 이 사람의 메시지가 보이지 않고, 내 상품의 채팅에서 나가 다시 들어올 수 없습니다.',
    failed: '차단하지 못했습니다.',
    tooMany:
      '이번 한 시간 동안 많은 사람을 차단했습니다. {minutes}분 후에 다시 시도해 주세요. | 이번 한 시간 동안 많은 사람을 차단했습니다. {minutes}분 후에 다시 시도해 주세요.',
    hidden: '차단한 사람의 메시지입니다.',
    show: '보기',
    title: '차단한 사람',
    empty: '차단한 사람이 없습니다.',
    unblock: '차단 해제',
    refused: '판매자가 메시지를 받지 않습니다.',
  },
  account: {
    guestLogOutConfirm:
      '게스트로 이용 중입니다. 로그아웃하면 이 게스트 계정과 채팅이 영영 사라집니다. 로그아웃할까요?',
    deleted: '계정이 삭제되었습니다.',
  },
  report: {
    action: '신고',
  },
}
