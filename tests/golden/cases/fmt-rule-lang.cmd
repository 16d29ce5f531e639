fmt --lang rule -
