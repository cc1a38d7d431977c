// Photos: photo messages, attaching one, the full-size viewer (the seller's photo list and the
// item page's gallery: listing.ts).
export const en = {
  photos: {
    preparing: 'Preparing photos…',
    heic: 'This photo is in HEIC format, which this browser cannot open. Choose a JPEG, PNG or WebP photo, or set the camera to "Most compatible".',
    unsupported:
      'This file is not a photo this browser can open. Choose a JPEG, PNG or WebP photo.',
    tooComplex: 'This photo could not be made small enough to send.',
    loadError: 'Could not load the photo.',
    full: 'Photo, full size',
    close: 'Close',
    noPhoto: 'No photo',
    attach: 'Attach a photo',
    attached: 'Photo to send',
    removeAttached: 'Remove the photo',
    caption: 'Add a caption (optional)',
    sent: 'Photo',
    open: 'Open the photo full size',
    discard: 'Discard',
  },
}

export const ko = {
  photos: {
    preparing: '사진 준비 중…',
    heic: 'HEIC 형식 사진은 이 브라우저에서 열 수 없어요. JPEG, PNG, WebP 사진을 고르거나 카메라 설정을 "높은 호환성"으로 바꿔 주세요.',
    unsupported: '이 브라우저에서 열 수 없는 파일이에요. JPEG, PNG, WebP 사진을 골라 주세요.',
    tooComplex: '이 사진은 보낼 수 있는 크기로 줄일 수 없어요.',
    loadError: '사진을 불러오지 못했어요.',
    full: '원본 크기 사진',
    close: '닫기',
    noPhoto: '사진 없음',
    attach: '사진 첨부',
    attached: '보낼 사진',
    removeAttached: '사진 빼기',
    caption: '설명 추가 (선택)',
    sent: '사진',
    open: '사진 크게 보기',
    discard: '삭제',
  },
}
