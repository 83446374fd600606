//! The reference plan embedded in the binary: 2021 인천광역시 서구 (참고 계획).

include!(concat!(env!("OUT_DIR"), "/reference.rs"));
